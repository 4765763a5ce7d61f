package dev.quarry.featurize.table;

import java.util.List;

/**
 * The prediction target of a table, decoded for learners.
 *
 * <p>For classification, {@code classes} lists the class labels as they appear in the CSV, sorted
 * (numeric labels by value, others lexicographically), and {@code labels[i]} is row i's index into
 * it; {@code values} is null. For regression, {@code values[i]} is row i's value and {@code classes}
 * is empty, {@code labels} null. Rows with a missing target are never in a Target.
 *
 * @param column the target column's name
 * @param task the task
 * @param classes the class labels (classification), else empty
 * @param labels class indices per row (classification), else null
 * @param values target values per row (regression), else null
 */
public record Target(String column, Task task, List<String> classes, int[] labels, double[] values) {

    /** Checks consistency between task and arrays. */
    public Target {
        classes = List.copyOf(classes);
        if (task.isClassification()) {
            if (labels == null || values != null || classes.size() < 2) {
                throw new IllegalArgumentException("a classification target needs labels and at least 2 classes");
            }
            if (task == Task.BINARY && classes.size() != 2) {
                throw new IllegalArgumentException("a binary target needs exactly 2 classes, got " + classes.size());
            }
        } else if (values == null || labels != null) {
            throw new IllegalArgumentException("a regression target needs values and no labels");
        }
    }

    /** @return the number of rows */
    public int size() {
        return labels != null ? labels.length : values.length;
    }

    /** @return the number of classes (0 for regression) */
    public int classCount() {
        return classes.size();
    }

    /**
     * @param indices row indices
     * @return the target of those rows
     */
    public Target select(int[] indices) {
        if (labels != null) {
            int[] out = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                out[i] = labels[indices[i]];
            }
            return new Target(column, task, classes, out, null);
        }
        double[] out = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return new Target(column, task, classes, null, out);
    }
}
