/**
 * The search benchmark: random search, TPE, the GP optimiser and TPE with ASHA compared in one run,
 * several seeds each, on synthetic functions (Branin, Hartmann-6, through the search module alone)
 * and on real datasets with a fixed wall-clock budget. Writes tables and best-score-versus-time
 * curves (CSV and SVG). Run with {@code ./quarry bench-search}.
 */
package dev.quarry.examples.search;
