/**
 * The run history: the workspace folder layout and the run store (an embedded SQLite database by
 * default) that records experiments and every child run as it finishes.
 */
package dev.quarry.runner.store;
