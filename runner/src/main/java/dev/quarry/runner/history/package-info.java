/**
 * Views over an experiment's recorded child runs: the ranked {@link dev.quarry.runner.history.Leaderboard}
 * that reports render, and the {@link dev.quarry.search.history.SearchHistory} that samplers and
 * schedulers replay on resume ({@link dev.quarry.runner.history.RunHistory}). Pure functions of the
 * runs they are given; nothing here reads the store itself.
 */
package dev.quarry.runner.history;
