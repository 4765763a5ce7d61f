/**
 * What has been tried: finished and pending trials as samplers and schedulers see them. Pure values;
 * the run store in {@code runner} persists them and rebuilds a {@link dev.quarry.search.history.SearchHistory}
 * on resume, so every search decision can be replayed.
 */
package dev.quarry.search.history;
