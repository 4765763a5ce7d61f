package dev.quarry.automl.evaluation;

import java.util.Arrays;

/**
 * One train/validation split: row indices into the training table, each sorted ascending.
 *
 * @param train rows to fit on
 * @param test rows to score on, disjoint from {@code train}
 */
public record Split(int[] train, int[] test) {

    /** Validates: both sides non-empty, sorted, disjoint. */
    public Split {
        if (train.length == 0 || test.length == 0) {
            throw new IllegalArgumentException("both sides of a split need rows, got " + train.length + " and " + test.length);
        }
        train = train.clone();
        test = test.clone();
        Arrays.sort(train);
        Arrays.sort(test);
        int i = 0;
        int j = 0;
        while (i < train.length && j < test.length) {
            if (train[i] == test[j]) {
                throw new IllegalArgumentException("row " + train[i] + " is on both sides of a split");
            }
            if (train[i] < test[j]) {
                i++;
            } else {
                j++;
            }
        }
    }
}
