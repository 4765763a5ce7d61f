package dev.quarry.featurize.table;

/** How a column's values are stored and featurized. */
public enum ColumnKind {
    /** Finite doubles; missing is NaN. */
    NUMERIC,
    /** Strings from a dictionary; missing is code -1. */
    CATEGORICAL
}
