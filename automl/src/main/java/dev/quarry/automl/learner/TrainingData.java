package dev.quarry.automl.learner;

import dev.quarry.featurize.table.FeatureMatrix;
import dev.quarry.featurize.table.Target;

/**
 * Featurized rows and their target, as a learner fits on them.
 *
 * @param features finite numeric features
 * @param target the target of the same rows
 * @param classWeights one positive weight per class, for learners with {@link Capability#CLASS_WEIGHTS};
 *     null for none (every class weighs 1)
 */
public record TrainingData(FeatureMatrix features, Target target, int[] classWeights) {

    /** Checks the row counts agree. */
    public TrainingData {
        if (features.rowCount() != target.size()) {
            throw new IllegalArgumentException("features have " + features.rowCount() + " rows but the target has "
                    + target.size());
        }
        if (classWeights != null && (classWeights.length != target.classCount()
                || java.util.Arrays.stream(classWeights).anyMatch(w -> w < 1))) {
            throw new IllegalArgumentException("class weights must be one positive integer per class ("
                    + target.classCount() + "), got " + java.util.Arrays.toString(classWeights));
        }
    }

    /**
     * @param features finite numeric features
     * @param target the target of the same rows
     */
    public TrainingData(FeatureMatrix features, Target target) {
        this(features, target, null);
    }
}
