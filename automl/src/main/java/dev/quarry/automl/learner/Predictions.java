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
