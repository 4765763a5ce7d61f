package dev.quarry.automl.learner;

import dev.quarry.featurize.table.FeatureMatrix;
import dev.quarry.featurize.table.Target;

/**
 * Featurized rows and their target, as a learner fits on them.
 *
 * @param features finite numeric features
 * @param target the target of the same rows
 */
public record TrainingData(FeatureMatrix features, Target target) {

    /** Checks the row counts agree. */
    public TrainingData {
        if (features.rowCount() != target.size()) {
            throw new IllegalArgumentException("features have " + features.rowCount() + " rows but the target has "
                    + target.size());
        }
    }
}
