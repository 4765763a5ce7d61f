package dev.quarry.featurize.transform;

import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a {@link FittedFeaturizer} on training rows. Every statistic (medians, means, levels,
 * frequencies) comes from the rows given, so fitting on a training fold never looks at its
 * validation rows. Columns with no information in the training rows (a single value and no missing
 * values, or only missing values) are dropped.
 */
public final class Featurizer {

    private Featurizer() {
    }

    /**
     * @param features the training rows' feature columns (not the target)
     * @param spec how to featurize
     * @return the fitted featurizer
     */
    public static FittedFeaturizer fit(Table features, FeaturizerSpec spec) {
        var transforms = new ArrayList<ColumnTransform>();
        Map<String, ColumnKind> kinds = new LinkedHashMap<>();
        for (Column c : features.columns()) {
            kinds.put(c.name(), c.kind());
            ColumnTransform t = switch (c) {
                case NumericColumn n -> numeric(n, spec.scale());
                case CategoricalColumn k -> categorical(k, spec.maxOneHotLevels());
            };
            if (t != null) {
                transforms.add(t);
            }
        }
        return new FittedFeaturizer(transforms, kinds);
    }

    private static NumericTransform numeric(NumericColumn c, boolean scale) {
        // Infinities can only come from tables built in code (the CSV reader rejects them); they are
        // treated as missing so that every output cell stays finite.
        double[] present = Arrays.stream(c.values()).filter(Double::isFinite).toArray();
        boolean anyMissing = present.length < c.size();
        if (present.length == 0) {
            return null;
        }
        Arrays.sort(present);
        if (present[0] == present[present.length - 1] && !anyMissing) {
            return null;
        }
        int m = present.length / 2;
        double median = present.length % 2 == 1 ? present[m] : (present[m - 1] + present[m]) / 2;
        double mean = 0;
        double sd = 1;
        if (scale) {
            double sum = 0;
            for (double v : c.values()) {
                sum += Double.isFinite(v) ? v : median;
            }
            mean = sum / c.size();
            double ss = 0;
            for (double v : c.values()) {
                double d = (Double.isFinite(v) ? v : median) - mean;
                ss += d * d;
            }
            sd = Math.sqrt(ss / c.size());
            if (!(sd > 1e-12)) {
                sd = 1;
            }
        }
        return new NumericTransform(c.name(), median, anyMissing, mean, sd);
    }

    private static ColumnTransform categorical(CategoricalColumn c, int maxOneHotLevels) {
        int[] counts = new int[c.levels().size()];
        int missing = 0;
        for (int code : c.codes()) {
            if (code < 0) {
                missing++;
            } else {
                counts[code]++;
            }
        }
        var present = new ArrayList<Integer>();
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0) {
                present.add(code);
            }
        }
        if (present.isEmpty() || (present.size() == 1 && missing == 0)) {
            return null;
        }
        present.sort(Comparator.<Integer>comparingInt(code -> -counts[code]).thenComparing(code -> c.levels().get(code)));
        if (present.size() <= maxOneHotLevels) {
            List<String> levels = present.stream().map(code -> c.levels().get(code)).toList();
            return new OneHotTransform(c.name(), levels, missing > 0);
        }
        var freq = new LinkedHashMap<String, Double>();
        for (int code : present) {
            freq.put(c.levels().get(code), counts[code] / (double) c.size());
        }
        return new FrequencyTransform(c.name(), freq);
    }
}
