/**
 * The benchmark harness ({@code quarry bench <suite.yaml>}): Quarry against baselines on the shared
 * datasets, measured the way the AutoML Benchmark measures (outer folds, same rows, budget and cores
 * for every contender, the task's AMLB metric on untouched test rows). Each contender runs in its
 * own JVM ({@link dev.quarry.examples.benchmark.ContenderMain}), so wall time and peak memory are
 * its own; results are one JSON file per run, so an interrupted suite resumes where it stopped.
 */
package dev.quarry.examples.benchmark;
