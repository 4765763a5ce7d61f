/**
 * The {@code quarry} command line (picocli): {@code run}, {@code predict}, {@code leaderboard}.
 * Exit codes: 0 success, 1 the experiment ended without a model, 2 bad input (config, data, usage),
 * 130 cancelled.
 */
package dev.quarry.automl.cli;
