package dev.quarry.featurize.transform;

import dev.quarry.featurize.table.FeatureMatrix;

/**
 * A featurizer fitted on training rows, and those rows' features. The training features differ from
 * {@code featurizer.transform(trainingRows)} where target encoding is used: the training rows get
 * out-of-fold values, so no row's feature was computed from its own target.
 *
 * @param featurizer the fitted featurizer, for validation rows and prediction
 * @param train the training rows' features
 */
public record Featurized(FittedFeaturizer featurizer, FeatureMatrix train) {
}
