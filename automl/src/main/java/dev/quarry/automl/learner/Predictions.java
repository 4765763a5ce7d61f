package dev.quarry.automl.learner;

/**
 * A model's output for a batch of rows.
 *
 * <p>Classification: {@code probabilities[i][k]} is row i's probability of class k (rows sum to 1;
 * a learner without probabilities puts 1 on its predicted class), and {@code values} is null.
 * Regression: {@code values[i]} is row i's prediction and {@code probabilities} is null.
 *
 * @param values regression predictions, or null
 * @param probabilities class probabilities, or null
 */
public record Predictions(double[] values, double[][] probabilities) {

    /** Checks exactly one of the two is given. */
    public Predictions {
        if ((values == null) == (probabilities == null)) {
            throw new IllegalArgumentException("give either regression values or class probabilities");
        }
    }

    /**
     * @return the first row with a NaN or infinite value or probability, or -1 if every row is finite
     *     (a diverged fit, such as an MLP with too high a learning rate, predicts NaN)
     */
    public int firstNonFiniteRow() {
        for (int i = 0; i < size(); i++) {
            if (values != null) {
                if (!Double.isFinite(values[i])) {
                    return i;
                }
            } else {
                for (double p : probabilities[i]) {
                    if (!Double.isFinite(p)) {
                        return i;
                    }
                }
            }
        }
        return -1;
    }

    /**
     * @param probabilities class probabilities per row
     * @return classification predictions
     */
    public static Predictions ofProbabilities(double[][] probabilities) {
        return new Predictions(null, probabilities);
    }

    /**
     * @param values predictions per row
     * @return regression predictions
     */
    public static Predictions ofValues(double[] values) {
        return new Predictions(values, null);
    }

    /**
     * The weighted average of several models' predictions for the same rows: values are averaged,
     * and so are class probabilities (which keeps each row summing to 1).
     *
     * @param parts predictions of the same kind and size
     * @param weights one non-negative weight each, not all zero
     * @return the blend
     */
    public static Predictions blend(java.util.List<Predictions> parts, double[] weights) {
        if (parts.isEmpty() || parts.size() != weights.length) {
            throw new IllegalArgumentException("need one weight per part, got " + weights.length + " for " + parts.size());
        }
        double total = java.util.Arrays.stream(weights).sum();
        if (!(total > 0)) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        Predictions first = parts.getFirst();
        if (first.values() != null) {
            double[] out = new double[first.size()];
            for (int m = 0; m < parts.size(); m++) {
                double w = weights[m] / total;
                for (int i = 0; i < out.length; i++) {
                    out[i] += w * parts.get(m).values()[i];
                }
            }
            return ofValues(out);
        }
        double[][] out = new double[first.size()][first.probabilities()[0].length];
        for (int m = 0; m < parts.size(); m++) {
            double w = weights[m] / total;
            for (int i = 0; i < out.length; i++) {
                for (int k = 0; k < out[i].length; k++) {
                    out[i][k] += w * parts.get(m).probabilities()[i][k];
                }
            }
        }
        return ofProbabilities(out);
    }

    /**
     * @param rows row indices
     * @return the predictions of those rows, in that order (rows are shared, not copied)
     */
    public Predictions select(int[] rows) {
        if (values != null) {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = values[rows[i]];
            }
            return ofValues(out);
        }
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = probabilities[rows[i]];
        }
        return ofProbabilities(out);
    }

    /** @return the number of rows */
    public int size() {
        return values != null ? values.length : probabilities.length;
    }

    /**
     * @param row a row
     * @return the index of its most probable class; ties go to the lower index
     */
    public int predictedClass(int row) {
        double[] p = probabilities[row];
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
