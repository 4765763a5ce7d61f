package dev.quarry.automl.learner.smile;

import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.data.vector.ValueVector;

/** Builds Smile data frames from Quarry's row-major features. */
final class SmileFrames {

    /** The target column's name; feature columns are {@code x0..xN}, so names never clash. */
    static final String TARGET = "__y";
    static final Formula FORMULA = Formula.lhs(TARGET);

    private SmileFrames() {
    }

    /**
     * @param x features, row-major
     * @param labels class indices per row
     * @return a frame with the features and an int target
     */
    static DataFrame classification(double[][] x, int[] labels) {
        return frame(x, new IntVector(TARGET, labels));
    }

    /**
     * @param x features, row-major
     * @param values target values per row
     * @return a frame with the features and a double target
     */
    static DataFrame regression(double[][] x, double[] values) {
        return frame(x, new DoubleVector(TARGET, values));
    }

    /**
     * @param x features of rows to predict
     * @return a frame with the features and a placeholder target (Smile's formula expects the column)
     */
    static DataFrame forPrediction(double[][] x, boolean classification) {
        return classification ? classification(x, new int[x.length]) : regression(x, new double[x.length]);
    }

    private static DataFrame frame(double[][] x, ValueVector target) {
        int d = x.length == 0 ? 0 : x[0].length;
        var columns = new ValueVector[d + 1];
        for (int j = 0; j < d; j++) {
            double[] column = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                column[i] = x[i][j];
            }
            columns[j] = new DoubleVector("x" + j, column);
        }
        columns[d] = target;
        return new DataFrame(columns);
    }

    /**
     * @param seed a trial seed
     * @param n how many
     * @return n seeds derived from it, for learners that seed each tree
     */
    static long[] seeds(long seed, int n) {
        var rng = new java.util.SplittableRandom(seed);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.nextLong();
        }
        return out;
    }
}
