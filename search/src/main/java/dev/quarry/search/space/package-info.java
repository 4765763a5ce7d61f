/**
 * What can be tried: typed hyperparameter domains, each learner's space, the conditional space over
 * learners, and {@link dev.quarry.search.space.Params}, one point in it.
 *
 * <p>All types are immutable values that validate on construction; messages name the parameter.
 */
package dev.quarry.search.space;
