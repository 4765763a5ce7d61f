package dev.quarry.featurize.table;

/**
 * A table split into its feature columns and its decoded target.
 *
 * @param features every column but the target, rows with a missing target removed
 * @param target the target of the same rows
 * @param droppedRows how many rows were removed because their target was missing
 */
public record LabelledTable(Table features, Target target, int droppedRows) {

    /** Checks the row counts agree. */
    public LabelledTable {
        if (features.rowCount() != target.size()) {
            throw new IllegalArgumentException("features have " + features.rowCount() + " rows, target " + target.size());
        }
    }
}
