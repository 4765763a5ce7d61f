package dev.quarry.featurize.transform;

/** What missing numeric values are filled with. */
public enum NumericImputation {
    /** The training median: robust to outliers. */
    MEDIAN,
    /** The training mean. */
    MEAN
}
