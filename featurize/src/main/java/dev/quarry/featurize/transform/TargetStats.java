package dev.quarry.featurize.transform;

import dev.quarry.featurize.table.CategoricalColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-level target sums of a set of rows, and the smoothed means they give. */
final class TargetStats {

    private final double[][] sums;
    private final int[] counts;
    private final double[] missingSums;
    private int missingCount;
    private final double[] prior;

    private TargetStats(int levels, int width) {
        sums = new double[levels][width];
        counts = new int[levels];
        missingSums = new double[width];
        prior = new double[width];
    }

    /**
     * @param c the column
     * @param y the target columns
     * @param use which rows count, or null for all
     */
    static TargetStats of(CategoricalColumn c, double[][] y, boolean[] use) {
        int w = y.length;
        var s = new TargetStats(c.levels().size(), w);
        int[] codes = c.codes();
        int n = 0;
        for (int i = 0; i < codes.length; i++) {
            if (use != null && !use[i]) {
                continue;
            }
            n++;
            double[] into = codes[i] < 0 ? s.missingSums : s.sums[codes[i]];
            if (codes[i] < 0) {
                s.missingCount++;
            } else {
                s.counts[codes[i]]++;
            }
            for (int j = 0; j < w; j++) {
                into[j] += y[j][i];
                s.prior[j] += y[j][i];
            }
        }
        for (int j = 0; j < w; j++) {
            s.prior[j] = n == 0 ? 0 : s.prior[j] / n;
        }
        return s;
    }

    private double[] encode(double[] sum, int count) {
        double[] out = new double[prior.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (sum[j] + Featurizer.SMOOTHING * prior[j]) / (count + Featurizer.SMOOTHING);
        }
        return out;
    }

    /** Encodes the rows of inner fold {@code f} into {@code rows} at {@code offset}. */
    void write(CategoricalColumn c, int[] fold, int f, double[][] rows, int offset) {
        double[][] byCode = new double[counts.length][];
        double[] onMissing = encode(missingSums, missingCount);
        int[] codes = c.codes();
        for (int i = 0; i < codes.length; i++) {
            if (fold[i] != f) {
                continue;
            }
            int code = codes[i];
            double[] v;
            if (code < 0) {
                v = onMissing;
            } else {
                if (byCode[code] == null) {
                    byCode[code] = encode(sums[code], counts[code]);
                }
                v = byCode[code];
            }
            System.arraycopy(v, 0, rows[i], offset, v.length);
        }
    }

    /** The transform for validation rows and prediction, from these statistics. */
    TargetEncodingTransform transform(CategoricalColumn c, List<String> suffixes) {
        Map<String, List<Double>> encodings = new LinkedHashMap<>();
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0) {
                encodings.put(c.levels().get(code), list(encode(sums[code], counts[code])));
            }
        }
        return new TargetEncodingTransform(c.name(), suffixes, encodings, list(prior),
                missingCount > 0 ? list(encode(missingSums, missingCount)) : null);
    }

    private static List<Double> list(double[] a) {
        var out = new ArrayList<Double>(a.length);
        for (double v : a) {
            out.add(v);
        }
        return out;
    }
}
