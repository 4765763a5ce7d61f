/** Views over an experiment's recorded child runs: the ranked leaderboard. */
package dev.quarry.runner.history;
