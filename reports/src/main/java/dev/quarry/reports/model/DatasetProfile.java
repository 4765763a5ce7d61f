package dev.quarry.reports.model;

import java.util.List;

/**
 * The training data as the experiment saw it.
 *
 * @param file the training file's path as given
 * @param sha256 its content hash
 * @param rows rows used (with a target)
 * @param droppedRows rows left out because their target was missing
 * @param target the target column
 * @param classes class labels with their row counts (classification), else empty
 * @param columns the feature columns
 * @param featurization how features were made, for people
 */
public record DatasetProfile(String file, String sha256, int rows, int droppedRows, String target,
        List<ClassCount> classes, List<ColumnProfile> columns, String featurization) {

    /** Copies the lists. */
    public DatasetProfile {
        classes = List.copyOf(classes);
        columns = List.copyOf(columns);
        if (rows < 0 || droppedRows < 0) {
            throw new IllegalArgumentException("row counts must be >= 0, got " + rows + " and " + droppedRows);
        }
    }

    /**
     * @param label a class label
     * @param rows its row count
     */
    public record ClassCount(String label, int rows) {
    }

    /**
     * @param name the column's name
     * @param kind NUMERIC or CATEGORICAL
     * @param missing missing values
     * @param distinct distinct non-missing values
     */
    public record ColumnProfile(String name, String kind, int missing, int distinct) {
    }
}
