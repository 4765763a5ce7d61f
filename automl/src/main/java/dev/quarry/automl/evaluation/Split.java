package dev.quarry.automl.evaluation;

import java.util.Arrays;

/**
 * One train/validation split: row indices into the training table, each side sorted ascending.
 *
 * <p>The constructor copies and sorts both arrays, so a split never shares state with its caller and
 * its content does not depend on the order rows were dealt in. The accessors return the stored arrays
 * (no copy, so a 200k-row cross-validation does not copy per read); callers must not modify them.
 * Equality compares the row sets.
 *
 * @param train rows to fit on
 * @param test rows to score on, disjoint from {@code train}
 */
public record Split(int[] train, int[] test) {

    /** Validates: both sides non-empty, no negative row, no row twice on a side, the sides disjoint. */
    public Split {
        if (train == null || test == null) {
            throw new IllegalArgumentException("a split needs train and test rows, got "
                    + (train == null ? "no train rows" : "no test rows"));
        }
        if (train.length == 0 || test.length == 0) {
            throw new IllegalArgumentException("both sides of a split need rows, got train=" + train.length
                    + " test=" + test.length);
        }
        train = sortedRows(train, "train");
        test = sortedRows(test, "test");
        int i = 0;
        int j = 0;
        while (i < train.length && j < test.length) {
            if (train[i] == test[j]) {
                throw new IllegalArgumentException("train and test must be disjoint, row " + train[i] + " is on both");
            }
            if (train[i] < test[j]) {
                i++;
            } else {
                j++;
            }
        }
    }

    private static int[] sortedRows(int[] rows, String side) {
        int[] out = rows.clone();
        Arrays.sort(out);
        if (out[0] < 0) {
            throw new IllegalArgumentException("row indices must be >= 0, got " + out[0] + " in " + side);
        }
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new IllegalArgumentException("each row may appear once per side, row " + out[i]
                        + " appears twice in " + side);
            }
        }
        return out;
    }

    /** @return the number of rows on both sides */
    public int size() {
        return train.length + test.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split other && Arrays.equals(train, other.train) && Arrays.equals(test, other.test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split[train=" + train.length + " rows, test=" + test.length + " rows]";
    }
}
