package dev.quarry.featurize.transform;

import dev.quarry.featurize.profile.TableProfile;

/**
 * How to featurize. One source of defaults: {@link #defaults()}.
 *
 * @param scale whether output features are standardised (for learners that declare they need it)
 * @param maxOneHotLevels categorical columns with at most this many levels (after grouping rare ones)
 *     in the training rows are one-hot encoded; columns with more use {@code highCardinality}
 * @param highCardinality the encoding of columns past the one-hot limit; target encoding needs a
 *     target and falls back to frequency without one
 * @param numericImputation what missing numbers become
 * @param categoricalImputation what missing categories become
 * @param rareLevelShare levels of a one-hot column with a smaller share of the training rows are
 *     grouped as {@code __other__}, in [0, 0.5)
 * @param textBuckets hashed n-gram features per text column, 0 to leave text columns out, at most 4096
 * @param innerFolds the inner folds of the training rows for out-of-fold target encoding, in [2, 20]
 * @param profile each column's type, or null to follow storage only (numbers numeric, text categorical)
 * @param seed for the inner folds
 */
public record FeaturizerSpec(boolean scale, int maxOneHotLevels, HighCardinality highCardinality,
        NumericImputation numericImputation, CategoricalImputation categoricalImputation, double rareLevelShare,
        int textBuckets, int innerFolds, TableProfile profile, long seed) {

    /** Default one-hot limit. */
    public static final int DEFAULT_MAX_ONE_HOT = 16;
    /** Default rare level share. */
    public static final double DEFAULT_RARE_SHARE = 0.005;
    /** Default hashed text features. */
    public static final int DEFAULT_TEXT_BUCKETS = 32;
    /** Default inner folds. */
    public static final int DEFAULT_INNER_FOLDS = 5;

    /** Validates. */
    public FeaturizerSpec {
        if (maxOneHotLevels < 2) {
            throw new IllegalArgumentException("`maxOneHotLevels >= 2` must hold, got " + maxOneHotLevels);
        }
        if (highCardinality == null || numericImputation == null || categoricalImputation == null) {
            throw new IllegalArgumentException("a featurizer spec needs highCardinality, numericImputation and "
                    + "categoricalImputation, got " + highCardinality + ", " + numericImputation + ", " + categoricalImputation);
        }
        if (!(rareLevelShare >= 0 && rareLevelShare < 0.5)) {
            throw new IllegalArgumentException("`rareLevelShare` must be in [0, 0.5), got " + rareLevelShare);
        }
        if (textBuckets < 0 || textBuckets > 4096) {
            throw new IllegalArgumentException("`textBuckets` must be in [0, 4096], got " + textBuckets);
        }
        if (innerFolds < 2 || innerFolds > 20) {
            throw new IllegalArgumentException("`innerFolds` must be in [2, 20], got " + innerFolds);
        }
    }

    /**
     * Storage-only featurization with the other defaults.
     *
     * @param scale whether to standardise
     * @param maxOneHotLevels the one-hot limit
     */
    public FeaturizerSpec(boolean scale, int maxOneHotLevels) {
        this(scale, maxOneHotLevels, HighCardinality.TARGET, NumericImputation.MEDIAN, CategoricalImputation.MISSING_LEVEL,
                DEFAULT_RARE_SHARE, DEFAULT_TEXT_BUCKETS, DEFAULT_INNER_FOLDS, null, 0);
    }

    /** @return no scaling, one-hot up to 16 levels, target encoding past that, median and missing-level imputation */
    public static FeaturizerSpec defaults() {
        return new FeaturizerSpec(false, DEFAULT_MAX_ONE_HOT);
    }

    /**
     * @param on whether to standardise
     * @return this spec with that scaling
     */
    public FeaturizerSpec withScale(boolean on) {
        return new FeaturizerSpec(on, maxOneHotLevels, highCardinality, numericImputation, categoricalImputation,
                rareLevelShare, textBuckets, innerFolds, profile, seed);
    }

    /**
     * @param encoding the encoding past the one-hot limit
     * @return this spec with it
     */
    public FeaturizerSpec withHighCardinality(HighCardinality encoding) {
        return new FeaturizerSpec(scale, maxOneHotLevels, encoding, numericImputation, categoricalImputation,
                rareLevelShare, textBuckets, innerFolds, profile, seed);
    }

    /**
     * @param buckets hashed features per text column, 0 for none
     * @return this spec with them
     */
    public FeaturizerSpec withTextBuckets(int buckets) {
        return new FeaturizerSpec(scale, maxOneHotLevels, highCardinality, numericImputation, categoricalImputation,
                rareLevelShare, buckets, innerFolds, profile, seed);
    }

    /**
     * @param p the column types
     * @return this spec with that profile
     */
    public FeaturizerSpec withProfile(TableProfile p) {
        return new FeaturizerSpec(scale, maxOneHotLevels, highCardinality, numericImputation, categoricalImputation,
                rareLevelShare, textBuckets, innerFolds, p, seed);
    }
}
