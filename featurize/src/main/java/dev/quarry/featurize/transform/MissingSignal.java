package dev.quarry.featurize.transform;

import dev.quarry.featurize.table.Column;

/**
 * Whether a column's missingness tells something about the target: for each target column
 * ({@link TargetColumns}), a two-sample z statistic of the target mean on missing against present
 * rows; missingness carries signal when some |z| reaches {@value #Z}, i.e. a difference that
 * arises by chance about once in a hundred columns (two-sided 1% level, normal approximation).
 * Needs at least {@value #MIN_ROWS} missing and present rows.
 */
public final class MissingSignal {

    static final double Z = 2.576;
    static final int MIN_ROWS = 5;

    private MissingSignal() {
    }

    /**
     * @param column a feature column
     * @param target the target columns of the same rows, from {@link TargetColumns#of}
     * @return the largest |z| over the target columns, 0 when there are too few rows either way
     */
    public static double z(Column column, double[][] target) {
        int n = column.size();
        int m = 0;
        for (int i = 0; i < n; i++) {
            m += column.isMissing(i) ? 1 : 0;
        }
        if (m < MIN_ROWS || n - m < MIN_ROWS) {
            return 0;
        }
        double best = 0;
        for (double[] y : target) {
            double sumM = 0;
            double sumAll = 0;
            double ssAll = 0;
            for (int i = 0; i < n; i++) {
                sumAll += y[i];
                ssAll += y[i] * y[i];
                if (column.isMissing(i)) {
                    sumM += y[i];
                }
            }
            double mean = sumAll / n;
            double var = ssAll / n - mean * mean;
            if (!(var > 1e-12)) {
                continue;
            }
            double meanM = sumM / m;
            double meanP = (sumAll - sumM) / (n - m);
            double z = Math.abs(meanM - meanP) / Math.sqrt(var * (1.0 / m + 1.0 / (n - m)));
            best = Math.max(best, z);
        }
        return best;
    }

    /**
     * @param column a feature column
     * @param target the target columns of the same rows
     * @return whether missingness carries signal
     */
    public static boolean carries(Column column, double[][] target) {
        return z(column, target) >= Z;
    }
}
