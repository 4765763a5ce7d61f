package dev.quarry.featurize.transform;

/** How categorical columns with more levels than the one-hot limit are encoded. */
public enum HighCardinality {
    /** The smoothed mean of the target per level, out-of-fold on training rows. */
    TARGET,
    /** The share of training rows with the level. */
    FREQUENCY
}
