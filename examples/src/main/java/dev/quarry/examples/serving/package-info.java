/**
 * The scoring benchmark ({@code ./quarry bench-scoring}): a deployed model served by a
 * {@code quarry serve} process, loaded over loopback HTTP by a Vert.x web client, against the same
 * model scoring in-process as the baseline.
 */
package dev.quarry.examples.serving;
