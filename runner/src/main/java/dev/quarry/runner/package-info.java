/**
 * Runs trials and remembers them: trial tasks and results ({@link dev.quarry.runner.trial}), executors
 * that run them ({@link dev.quarry.runner.local}), the run store and workspace that keep every child
 * run ({@link dev.quarry.runner.store}), and the views read back from them: leaderboard and search
 * history ({@link dev.quarry.runner.history}). Depends on {@code search}; knows no learner library.
 */
package dev.quarry.runner;
