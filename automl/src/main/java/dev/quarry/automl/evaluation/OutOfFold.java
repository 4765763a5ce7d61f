package dev.quarry.automl.evaluation;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.Task;

/**
 * Gathers each fold's validation predictions into one set aligned with the original rows, so a trial is
 * scored once over every row (and ensembles are built on the same rows) rather than by averaging fold
 * scores.
 *
 * <p>Each row may be given once; {@link #predictions()} needs every row. Rows are copied in, so callers
 * may reuse their arrays. Thread-safe: folds evaluated in parallel may {@link #put} concurrently.
 */
public final class OutOfFold {

    private final Task task;
    private final int classes;
    private final double[] values;
    private final double[][] probabilities;
    private final boolean[] filled;
    private int missing;

    /**
     * @param task the task; decides whether values or probabilities are gathered
     * @param rows the number of rows, at least 1
     * @param classes the number of classes: at least 2 for classification (2 for binary), 0 for regression
     */
    public OutOfFold(Task task, int rows, int classes) {
        if (rows < 1) {
            throw new IllegalArgumentException("out-of-fold predictions need `rows >= 1`, got " + rows);
        }
        if (task == Task.REGRESSION ? classes != 0 : classes < 2 || task == Task.BINARY && classes != 2) {
            throw new IllegalArgumentException("a " + task + " task needs "
                    + (task == Task.REGRESSION ? "0 classes" : task == Task.BINARY ? "2 classes" : ">= 2 classes")
                    + ", got " + classes);
        }
        this.task = task;
        this.classes = classes;
        this.values = task.isClassification() ? null : new double[rows];
        this.probabilities = task.isClassification() ? new double[rows][] : null;
        this.filled = new boolean[rows];
        this.missing = rows;
    }

    /**
     * Stores one fold's predictions. Checks everything before storing anything, so a rejected call leaves
     * no partial fold behind.
     *
     * @param testRows the fold's rows in the original numbering, in the order of {@code p}'s rows
     * @param p the fold's predictions, of the task's kind
     * @throws IllegalArgumentException on a size, kind or width mismatch, a row out of range or given twice
     */
    public synchronized void put(int[] testRows, Predictions p) {
        if (testRows.length != p.size()) {
            throw new IllegalArgumentException("a fold needs one prediction per row, got " + testRows.length
                    + " rows and " + p.size() + " predictions");
        }
        if (task.isClassification() != (p.probabilities() != null)) {
            throw new IllegalArgumentException("a " + task + " task needs "
                    + (task.isClassification() ? "class probabilities" : "regression values")
                    + ", got the other kind");
        }
        boolean[] seen = new boolean[filled.length];
        for (int i = 0; i < testRows.length; i++) {
            int row = testRows[i];
            if (row < 0 || row >= filled.length) {
                throw new IllegalArgumentException("rows must be in [0, " + filled.length + "), got " + row);
            }
            if (filled[row] || seen[row]) {
                throw new IllegalArgumentException("each row may be predicted once, row " + row + " was given twice");
            }
            seen[row] = true;
            if (probabilities != null && p.probabilities()[i].length != classes) {
                throw new IllegalArgumentException("every probability row needs " + classes + " entries, row "
                        + row + " has " + p.probabilities()[i].length);
            }
        }
        for (int i = 0; i < testRows.length; i++) {
            int row = testRows[i];
            if (probabilities != null) {
                probabilities[row] = p.probabilities()[i].clone();
            } else {
                values[row] = p.values()[i];
            }
            filled[row] = true;
        }
        missing -= testRows.length;
    }

    /** @return whether every row has a prediction */
    public synchronized boolean complete() {
        return missing == 0;
    }

    /**
     * @return the predictions of every row in original order; a fresh copy per call
     * @throws IllegalStateException naming the first missing row if any row has no prediction
     */
    public synchronized Predictions predictions() {
        if (missing > 0) {
            int first = 0;
            while (filled[first]) {
                first++;
            }
            throw new IllegalStateException("every row needs a prediction, " + missing + " of " + filled.length
                    + " have none (first: row " + first + ")");
        }
        if (values != null) {
            return Predictions.ofValues(values.clone());
        }
        double[][] out = new double[probabilities.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilities[i].clone();
        }
        return Predictions.ofProbabilities(out);
    }
}
