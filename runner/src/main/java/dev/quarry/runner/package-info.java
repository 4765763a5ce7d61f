/**
 * Runs trials and remembers them: trial tasks and results ({@link dev.quarry.runner.trial}), executors
 * that run them, and the run store and workspace that keep every child run
 * ({@link dev.quarry.runner.store}). Depends on {@code search}; knows no learner library.
 */
package dev.quarry.runner;
