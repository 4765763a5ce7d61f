package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Predictions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model fitted on the standardised, linearly independent columns of its training rows, and the
 * transform that gives them. Discriminant analysis fails on a singular covariance: a constant column
 * (a one-hot level absent from the fold), an exact linear combination of other columns (a full set
 * of one-hot levels, or blood-transfusion's {@code Monetary = 250 * Frequency}), or columns whose
 * scales differ by orders of magnitude (Smile compares covariance eigenvalues with the largest one).
 * Those columns add nothing LDA could use: it is invariant to affine transforms of the features, so
 * standardising and dropping dependent columns leaves its decision rule unchanged on the rest.
 *
 * <p>Columns are kept greedily in order (Gram-Schmidt on the standardised columns): a column is
 * dropped when its residual after projecting out the kept ones has less than {@link #TOLERANCE} of
 * its variance, or when it is constant. Deterministic.
 *
 * @param kept the indices of the kept input columns, in order
 * @param mean their training means
 * @param scale their training standard deviations
 * @param model the model fitted on the kept columns, standardised
 */
record IndependentColumns(int[] kept, double[] mean, double[] scale, FittedModel model) implements FittedModel {

    /**
     * The share of a column's variance its residual must keep: a column the kept ones explain to 99.9%
     * would leave a covariance eigenvalue Smile rejects as singular (below 1e-4 of the largest).
     */
    static final double TOLERANCE = 1e-3;

    /** What {@link #select} found: the kept columns and their standardisation. */
    record Basis(int[] kept, double[] mean, double[] scale) {

        /**
         * @param rows raw feature rows
         * @return the kept columns, standardised
         */
        double[][] apply(double[][] rows) {
            double[][] out = new double[rows.length][kept.length];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < kept.length; j++) {
                    out[i][j] = (rows[i][kept[j]] - mean[j]) / scale[j];
                }
            }
            return out;
        }
    }

    /**
     * @param rows training rows, at least two
     * @return the standardised, linearly independent columns (possibly none)
     */
    static Basis select(double[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        List<double[]> basis = new ArrayList<>();
        var kept = new ArrayList<Integer>();
        var means = new ArrayList<Double>();
        var scales = new ArrayList<Double>();
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] r : rows) {
                mean += r[j];
            }
            mean /= n;
            double[] c = new double[n];
            double ss = 0;
            for (int i = 0; i < n; i++) {
                c[i] = rows[i][j] - mean;
                ss += c[i] * c[i];
            }
            double sd = Math.sqrt(ss / n);
            if (!(sd > 1e-12 * Math.max(1, Math.abs(mean)))) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                c[i] /= sd;
            }
            double[] residual = c.clone();
            for (double[] q : basis) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[i] * residual[i];
                }
                for (int i = 0; i < n; i++) {
                    residual[i] -= dot * q[i];
                }
            }
            double rs = 0;
            for (double v : residual) {
                rs += v * v;
            }
            // c has squared norm n after standardising
            if (rs < TOLERANCE * n) {
                continue;
            }
            double norm = Math.sqrt(rs);
            for (int i = 0; i < n; i++) {
                residual[i] /= norm;
            }
            basis.add(residual);
            kept.add(j);
            means.add(mean);
            scales.add(sd);
        }
        return new Basis(kept.stream().mapToInt(Integer::intValue).toArray(),
                means.stream().mapToDouble(Double::doubleValue).toArray(),
                scales.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * @param basis the columns the model was fitted on
     * @param model the model
     * @return the model that applies the basis first
     */
    static IndependentColumns of(Basis basis, FittedModel model) {
        return new IndependentColumns(basis.kept(), basis.mean(), basis.scale(), model);
    }

    @Override
    public Predictions predict(double[][] features) {
        return model.predict(new Basis(kept, mean, scale).apply(features));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndependentColumns c && Arrays.equals(kept, c.kept) && Arrays.equals(mean, c.mean)
                && Arrays.equals(scale, c.scale) && model.equals(c.model);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(kept) * 31 + model.hashCode();
    }

    @Override
    public String toString() {
        return "IndependentColumns[kept=" + Arrays.toString(kept) + ", model=" + model + "]";
    }
}
