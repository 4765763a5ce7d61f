package dev.quarry.featurize.transform;

import java.util.List;

/**
 * Standardisation of output features with training means and standard deviations, for learners
 * that declare they need scaled inputs. Features that only take the values 0 and 1 on the training
 * rows (indicators, one-hot) are left as they are (mean 0, scale 1), as is any feature with no
 * spread.
 *
 * @param means subtracted, one per output feature
 * @param scales then divided by, one per output feature, positive
 */
public record Standardization(List<Double> means, List<Double> scales) {

    /** Validates and copies. */
    public Standardization {
        means = List.copyOf(means);
        scales = List.copyOf(scales);
        if (means.size() != scales.size() || scales.stream().anyMatch(s -> !(s > 0) || !Double.isFinite(s))
                || means.stream().anyMatch(m -> !Double.isFinite(m))) {
            throw new IllegalArgumentException("standardization needs one finite mean and positive scale per feature");
        }
    }

    /**
     * @param rows the training rows' features
     * @param width the number of features
     * @return the training statistics
     */
    static Standardization fit(double[][] rows, int width) {
        var means = new Double[width];
        var scales = new Double[width];
        for (int j = 0; j < width; j++) {
            double sum = 0;
            boolean binary = true;
            for (double[] r : rows) {
                sum += r[j];
                binary &= r[j] == 0 || r[j] == 1;
            }
            double mean = rows.length == 0 ? 0 : sum / rows.length;
            double ss = 0;
            for (double[] r : rows) {
                ss += (r[j] - mean) * (r[j] - mean);
            }
            double sd = rows.length == 0 ? 0 : Math.sqrt(ss / rows.length);
            boolean keep = binary || !(sd > 1e-12);
            means[j] = keep && binary ? 0.0 : mean;
            scales[j] = keep ? 1.0 : sd;
        }
        return new Standardization(List.of(means), List.of(scales));
    }

    /** Applies in place. */
    void apply(double[][] rows) {
        int w = means.size();
        double[] m = new double[w];
        double[] s = new double[w];
        for (int j = 0; j < w; j++) {
            m[j] = means.get(j);
            s[j] = scales.get(j);
        }
        for (double[] r : rows) {
            for (int j = 0; j < w; j++) {
                r[j] = (r[j] - m[j]) / s[j];
            }
        }
    }
}
