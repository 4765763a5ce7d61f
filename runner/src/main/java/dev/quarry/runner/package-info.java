/**
 * Runs trials and remembers them: trial tasks and results ({@link dev.quarry.runner.trial}), executors
 * that run them (local threads {@link dev.quarry.runner.local}, worker JVMs
 * {@link dev.quarry.runner.process}, a Vert.x cluster {@link dev.quarry.runner.cluster}, and the worker
 * side the last two share, {@link dev.quarry.runner.worker}), the run store and workspace that keep every child
 * run ({@link dev.quarry.runner.store}), and the views read back from them: leaderboard and search
 * history ({@link dev.quarry.runner.history}). Depends on {@code search}; knows no learner library.
 */
package dev.quarry.runner;
