package dev.quarry.featurize.transform;

/** What missing categorical values become. */
public enum CategoricalImputation {
    /** A level of their own, {@code __missing__}. */
    MISSING_LEVEL,
    /** The most frequent training level (plus the {@code __missing__} indicator when missingness carries signal). */
    MOST_FREQUENT
}
