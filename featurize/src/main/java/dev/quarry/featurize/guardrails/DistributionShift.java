package dev.quarry.featurize.guardrails;

import dev.quarry.featurize.profile.ColumnProfile;
import dev.quarry.featurize.profile.TableProfile;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.LabelledTable;
import dev.quarry.featurize.table.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares each kept column of the training and validation files: numbers by the two-sample
 * Kolmogorov-Smirnov statistic D (shift when D exceeds both {@value #MIN_EFFECT} and the 1% critical
 * value 1.63·sqrt((n+m)/(nm))), categories and text by the total variation distance of level shares
 * (shift above {@value #MIN_EFFECT}), missing values counted as a level.
 */
final class DistributionShift {

    static final double MIN_EFFECT = 0.1;

    private DistributionShift() {
    }

    static GuardrailCheck check(LabelledTable train, LabelledTable validation, TableProfile profile) {
        if (validation == null) {
            return new GuardrailCheck("distribution_shift", CheckStatus.PASSED, List.of(),
                    "no validation file: validation folds are random splits of the training rows", "none");
        }
        var columns = new ArrayList<String>();
        var parts = new ArrayList<String>();
        for (ColumnProfile p : profile.columns()) {
            if (p.type().dropped() || !validation.features().has(p.name())) {
                continue;
            }
            Column a = train.features().column(p.name());
            Column b = validation.features().column(p.name());
            if (a instanceof NumericColumn x && b instanceof NumericColumn y) {
                double[] u = finite(x.values());
                double[] v = finite(y.values());
                if (u.length == 0 || v.length == 0) {
                    continue;
                }
                double d = ks(u, v);
                double critical = 1.63 * Math.sqrt((u.length + v.length) / ((double) u.length * v.length));
                if (d > MIN_EFFECT && d > critical) {
                    columns.add(p.name());
                    parts.add(String.format(Locale.ROOT, "%s (KS D=%.3f)", p.name(), d));
                }
            } else if (a instanceof CategoricalColumn x && b instanceof CategoricalColumn y) {
                double tvd = tvd(shares(x), shares(y));
                if (tvd > MIN_EFFECT) {
                    columns.add(p.name());
                    parts.add(String.format(Locale.ROOT, "%s (level shares differ by %.3f)", p.name(), tvd));
                }
            }
        }
        if (columns.isEmpty()) {
            return new GuardrailCheck("distribution_shift", CheckStatus.PASSED, List.of(),
                    "training and validation files look alike in every column", "none");
        }
        return new GuardrailCheck("distribution_shift", CheckStatus.WARNING, columns,
                "the validation file differs from the training file in " + String.join(", ", parts),
                "kept; validation scores may not reflect training-distribution performance: check how the files were split");
    }

    private static double[] finite(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
    }

    /** The largest gap between the two empirical CDFs; both inputs sorted. */
    static double ks(double[] u, double[] v) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < u.length && j < v.length) {
            double x = Math.min(u[i], v[j]);
            while (i < u.length && u[i] <= x) {
                i++;
            }
            while (j < v.length && v[j] <= x) {
                j++;
            }
            d = Math.max(d, Math.abs(i / (double) u.length - j / (double) v.length));
        }
        return d;
    }

    private static Map<String, Double> shares(CategoricalColumn c) {
        var out = new HashMap<String, Double>();
        for (int i = 0; i < c.size(); i++) {
            String v = c.value(i);
            out.merge(v == null ? "\u0000missing" : v, 1.0 / c.size(), Double::sum);
        }
        return out;
    }

    private static double tvd(Map<String, Double> a, Map<String, Double> b) {
        var keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        double sum = 0;
        for (String k : keys) {
            sum += Math.abs(a.getOrDefault(k, 0.0) - b.getOrDefault(k, 0.0));
        }
        return sum / 2;
    }
}
