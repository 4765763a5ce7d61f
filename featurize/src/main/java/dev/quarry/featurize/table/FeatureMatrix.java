package dev.quarry.featurize.table;

import java.util.List;

/**
 * Dense numeric features, row-major, as learners take them. Missing values have been imputed by the
 * featurizer: every cell is finite.
 *
 * @param rows one array per row, each of length {@code names.size()}
 * @param names the feature names, in column order
 */
public record FeatureMatrix(double[][] rows, List<String> names) {

    /** Checks the shape. */
    public FeatureMatrix {
        names = List.copyOf(names);
        for (double[] row : rows) {
            if (row.length != names.size()) {
                throw new IllegalArgumentException("every row needs " + names.size() + " features, got " + row.length);
            }
        }
    }

    /** @return the number of rows */
    public int rowCount() {
        return rows.length;
    }

    /** @return the number of features */
    public int featureCount() {
        return names.size();
    }

    /**
     * @param indices row indices, in the order wanted
     * @return a matrix with those rows (the row arrays are shared, not copied)
     */
    public FeatureMatrix select(int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = rows[indices[i]];
        }
        return new FeatureMatrix(out, names);
    }
}
