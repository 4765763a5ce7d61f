package dev.quarry.automl.experiment;

import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Target;

/**
 * One train/validation split of an experiment's data, materialised once and shared by all trials.
 *
 * @param trainFeatures raw feature columns of the training rows
 * @param trainTarget their target
 * @param testFeatures raw feature columns of the validation rows
 * @param testTarget their target, with the training class indices
 * @param testRows the validation rows' indices in the training data, or null when they are not
 *     training rows (a separate validation file); stacking uses them so that its meta-learner is
 *     never scored on a row it was fitted on (repeated k-fold validates each row several times)
 */
public record Fold(Table trainFeatures, Target trainTarget, Table testFeatures, Target testTarget, int[] testRows) {

    /**
     * A fold whose validation rows are not identified (each row validated by this fold only).
     *
     * @param trainFeatures raw feature columns of the training rows
     * @param trainTarget their target
     * @param testFeatures raw feature columns of the validation rows
     * @param testTarget their target
     */
    public Fold(Table trainFeatures, Target trainTarget, Table testFeatures, Target testTarget) {
        this(trainFeatures, trainTarget, testFeatures, testTarget, null);
    }
}
