/**
 * What to try next. A {@link dev.quarry.search.sampler.Sampler} is a pure function of the search
 * space, the history and the trial number, so resuming an experiment by replaying its run history
 * asks for the same params again.
 */
package dev.quarry.search.sampler;
