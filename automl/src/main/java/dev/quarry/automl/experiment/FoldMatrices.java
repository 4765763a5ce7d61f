package dev.quarry.automl.experiment;

import dev.quarry.featurize.table.FeatureMatrix;
import dev.quarry.featurize.transform.FittedFeaturizer;

/**
 * A fold after featurization: the featurizer fitted on the fold's training rows only, and both sides
 * transformed by it.
 *
 * @param featurizer fitted on the training rows
 * @param train the training rows' features
 * @param test the validation rows' features
 */
record FoldMatrices(FittedFeaturizer featurizer, FeatureMatrix train, FeatureMatrix test) {
}
