/**
 * The deployable result of an experiment: a {@link dev.quarry.automl.pipeline.Pipeline} of fitted
 * featurizer and model pairs with the input schema and class labels, saved as one folder and loaded
 * back by {@code quarry predict} in another JVM with identical predictions.
 */
package dev.quarry.automl.pipeline;
