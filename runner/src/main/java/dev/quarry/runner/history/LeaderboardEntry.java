package dev.quarry.runner.history;

import dev.quarry.runner.trial.TrialResult;

/**
 * One row of a leaderboard.
 *
 * @param rank 1 for the best; 0 for runs without a score (failed, still running)
 * @param trial the child run
 */
public record LeaderboardEntry(int rank, TrialResult trial) {
}
