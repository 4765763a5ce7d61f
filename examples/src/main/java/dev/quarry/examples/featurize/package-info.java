/**
 * The featurization benchmark: generates a large mixed-type CSV, then reads, profiles and
 * featurizes it, reporting rows per second and peak heap for each phase
 * ({@code ./quarry bench-featurize}).
 */
package dev.quarry.examples.featurize;
