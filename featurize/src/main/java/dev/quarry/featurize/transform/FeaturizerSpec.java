package dev.quarry.featurize.transform;

/**
 * How to featurize.
 *
 * @param scale whether numeric features are standardised (for learners that declare they need it)
 * @param maxOneHotLevels categorical columns with at most this many levels in the training rows are
 *     one-hot encoded; columns with more are frequency encoded
 */
public record FeaturizerSpec(boolean scale, int maxOneHotLevels) {

    /** Validates. */
    public FeaturizerSpec {
        if (maxOneHotLevels < 2) {
            throw new IllegalArgumentException("`maxOneHotLevels >= 2` must hold, got " + maxOneHotLevels);
        }
    }

    /** @return no scaling, one-hot up to 16 levels */
    public static FeaturizerSpec defaults() {
        return new FeaturizerSpec(false, 16);
    }
}
