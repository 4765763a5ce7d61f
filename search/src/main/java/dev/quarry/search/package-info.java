/**
 * Quarry's search engine: what can be tried ({@link dev.quarry.search.space}), what has been
 * tried ({@link dev.quarry.search.history}) and what to try next ({@link dev.quarry.search.sampler}).
 *
 * <p>This module imports no machine-learning library and no Vert.x; it sees learners only as names
 * with typed hyperparameter spaces, and trials only as params with scores.
 */
package dev.quarry.search;
