/**
 * The executor benchmark ({@code ./quarry bench-executors}): orchestration overhead per no-op trial
 * for the local, process and cluster executors, and the speed-up of two workers over one on
 * CPU-bound trials, each measured against its baseline in the same run.
 */
package dev.quarry.examples.executors;
