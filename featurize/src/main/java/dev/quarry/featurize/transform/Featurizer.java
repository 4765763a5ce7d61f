package dev.quarry.featurize.transform;

import dev.quarry.featurize.profile.ColumnProfile;
import dev.quarry.featurize.profile.ColumnType;
import dev.quarry.featurize.profile.DatetimeFormat;
import dev.quarry.featurize.profile.Profiler;
import dev.quarry.featurize.profile.TableProfile;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.featurize.table.FeatureMatrix;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fits a {@link FittedFeaturizer} on training rows. Every statistic (medians, levels, frequencies,
 * target means, standardisation) comes from the rows given, so fitting on a training fold never
 * looks at its validation rows; target encoding of those training rows is itself out-of-fold over
 * inner folds of them. Each column is featurized by its {@link ColumnType} from the spec's profile
 * (storage only without one). Columns with no information in the training rows (a single value and
 * no missing values, or only missing values) are dropped. Stateless and thread-safe.
 */
public final class Featurizer {

    /** The m of the m-estimate that smooths target means towards the prior (Micci-Barreca 2001). */
    static final double SMOOTHING = 10;
    /** The share of present rows the one-hot levels must cover when rare levels are grouped. */
    static final double MIN_KEPT_SHARE = 0.8;

    private Featurizer() {
    }

    /**
     * Fits without a target: missing indicators wherever values are missing, frequency encoding past
     * the one-hot limit.
     *
     * @param features the training rows' feature columns (not the target)
     * @param spec how to featurize
     * @return the fitted featurizer
     */
    public static FittedFeaturizer fit(Table features, FeaturizerSpec spec) {
        return fitTransform(features, null, spec).featurizer();
    }

    /**
     * Fits every statistic without building the training rows' feature matrix (for tables too large
     * to hold as one, transformed afterwards in chunks). No standardisation: it needs that matrix.
     *
     * @param features the training rows' feature columns (not the target)
     * @param target their target, or null
     * @param spec how to featurize; {@code scale} must be false
     * @return the fitted featurizer
     * @throws IllegalArgumentException if the spec asks for scaling
     */
    public static FittedFeaturizer fit(Table features, Target target, FeaturizerSpec spec) {
        if (spec.scale()) {
            throw new IllegalArgumentException("standardisation is fitted on the training features: use fitTransform");
        }
        return statistics(features, target, spec);
    }

    /** Every transform's statistics from the given rows; no feature matrix is built. */
    private static FittedFeaturizer statistics(Table features, Target target, FeaturizerSpec spec) {
        TableProfile profile = spec.profile() != null ? spec.profile() : Profiler.storageOnly(features);
        double[][] y = target == null ? null : TargetColumns.of(target);
        var transforms = new ArrayList<ColumnTransform>();
        Map<String, ColumnKind> kinds = new LinkedHashMap<>();
        for (Column c : features.columns()) {
            kinds.put(c.name(), c.kind());
            ColumnProfile p = profile.get(c.name());
            ColumnType type = p != null ? p.type()
                    : c instanceof NumericColumn ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
            switch (type) {
                case CONSTANT, ID, IGNORED -> {
                    // No features: recorded in inputKinds only, so prediction input keeps the same columns.
                }
                case NUMERIC -> add(transforms, numeric(c, y, spec));
                case BOOLEAN -> add(transforms, c instanceof NumericColumn ? numeric(c, y, spec)
                        : categorical(c, target, y, spec, true));
                case INTEGER_CATEGORICAL -> {
                    add(transforms, numeric(c, y, spec));
                    add(transforms, categorical(c, target, y, spec, true));
                }
                case CATEGORICAL -> add(transforms, categorical(c, target, y, spec, false));
                case DATETIME -> add(transforms, datetime(c, p.datetimeFormat()));
                case TEXT -> {
                    if (spec.textBuckets() > 0 && c instanceof CategoricalColumn) {
                        add(transforms, new TextHashTransform(c.name(), spec.textBuckets(), 2));
                    }
                }
            }
        }
        return new FittedFeaturizer(transforms, kinds);
    }

    /**
     * @param features the training rows' feature columns (not the target)
     * @param target their target, or null (then as {@link #fit(Table, FeaturizerSpec)})
     * @param spec how to featurize
     * @return the fitted featurizer and the training rows' features (out-of-fold where target encoded)
     */
    public static Featurized fitTransform(Table features, Target target, FeaturizerSpec spec) {
        FittedFeaturizer unscaled = statistics(features, target, spec.withScale(false));
        List<ColumnTransform> transforms = unscaled.transforms();
        Map<String, ColumnKind> kinds = unscaled.inputKinds();
        double[][] y = target == null ? null : TargetColumns.of(target);
        FeatureMatrix train = unscaled.unscaled(features);
        if (target != null) {
            outOfFold(features, target, y, spec, transforms, train.rows());
        }
        if (!spec.scale()) {
            return new Featurized(unscaled, train);
        }
        Standardization st = Standardization.fit(train.rows(), train.featureCount());
        st.apply(train.rows());
        return new Featurized(new FittedFeaturizer(transforms, kinds, st), train);
    }

    private static void add(List<ColumnTransform> transforms, ColumnTransform t) {
        if (t != null) {
            transforms.add(t);
        }
    }

    private static NumericTransform numeric(Column column, double[][] y, FeaturizerSpec spec) {
        NumericColumn c = (NumericColumn) column;
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
        double fill;
        if (spec.numericImputation() == NumericImputation.MEAN) {
            double sum = 0;
            for (double v : present) {
                sum += v;
            }
            fill = sum / present.length;
        } else {
            int m = present.length / 2;
            fill = present.length % 2 == 1 ? present[m] : (present[m - 1] + present[m]) / 2;
        }
        boolean indicator = anyMissing && (y == null || MissingSignal.carries(new NumericColumn(c.name(), finiteOrNaN(c)), y));
        return new NumericTransform(c.name(), fill, indicator, 0, 1);
    }

    private static double[] finiteOrNaN(NumericColumn c) {
        double[] v = c.values().clone();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                v[i] = Double.NaN;
            }
        }
        return v;
    }

    private static ColumnTransform categorical(Column column, Target target, double[][] y, FeaturizerSpec spec,
            boolean oneHotOnly) {
        CategoricalColumn c = Categorical.of(column, column.name());
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
        double rareBelow = spec.rareLevelShare() * c.size();
        List<Integer> kept = present.size() <= spec.maxOneHotLevels() ? present
                : present.stream().filter(code -> counts[code] >= rareBelow && counts[code] > 1).toList();
        int keptRows = kept.stream().mapToInt(code -> counts[code]).sum();
        // Grouping rare levels keeps one-hot only while the kept levels still describe most rows.
        if (kept.size() >= 2 && kept.size() <= spec.maxOneHotLevels()
                && keptRows >= MIN_KEPT_SHARE * (c.size() - missing)) {
            List<String> levels = kept.stream().map(code -> c.levels().get(code)).toList();
            boolean grouped = kept.size() < present.size();
            if (missing == 0) {
                return new OneHotTransform(c.name(), levels, false, grouped, null);
            }
            if (spec.categoricalImputation() == CategoricalImputation.MOST_FREQUENT) {
                boolean signal = y == null || MissingSignal.carries(c, y);
                return new OneHotTransform(c.name(), levels, signal, grouped, levels.getFirst());
            }
            return new OneHotTransform(c.name(), levels, true, grouped, null);
        }
        if (oneHotOnly) {
            return null;
        }
        if (spec.highCardinality() == HighCardinality.TARGET && target != null) {
            return TargetStats.of(c, y, null).transform(c, TargetColumns.suffixes(target));
        }
        var freq = new LinkedHashMap<String, Double>();
        for (int code : present) {
            freq.put(c.levels().get(code), counts[code] / (double) c.size());
        }
        return new FrequencyTransform(c.name(), freq);
    }

    private static DatetimeTransform datetime(Column column, DatetimeFormat format) {
        if (!(column instanceof CategoricalColumn c)) {
            return null;
        }
        double[] byCode = new double[c.levels().size()];
        for (int code = 0; code < byCode.length; code++) {
            byCode[code] = format.parse(c.levels().get(code));
        }
        double[] values = new double[c.size()];
        int n = 0;
        for (int code : c.codes()) {
            if (code >= 0 && !Double.isNaN(byCode[code])) {
                values[n++] = byCode[code];
            }
        }
        if (n == 0) {
            return null;
        }
        Arrays.sort(values, 0, n);
        if (values[0] == values[n - 1] && n == c.size()) {
            return null;
        }
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new DatetimeTransform(c.name(), format, format.hasDate() ? values[0] : 0, median, n < c.size());
    }

    /**
     * Overwrites the target-encoded features of the training rows with out-of-fold values: rows are
     * dealt into inner folds by a seeded shuffle, and each inner fold is encoded with statistics of
     * the other inner folds only.
     */
    private static void outOfFold(Table features, Target target, double[][] y, FeaturizerSpec spec,
            List<ColumnTransform> transforms, double[][] rows) {
        if (transforms.stream().noneMatch(t -> t instanceof TargetEncodingTransform)) {
            return;
        }
        int n = features.rowCount();
        int k = Math.min(spec.innerFolds(), Math.max(2, n));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        var random = new SplittableRandom(spec.seed() ^ 0x7E4C0DE5L);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % k;
        }
        int offset = 0;
        for (ColumnTransform t : transforms) {
            if (t instanceof TargetEncodingTransform te) {
                CategoricalColumn c = Categorical.of(features.column(te.column()), te.column());
                for (int f = 0; f < k; f++) {
                    TargetStats stats = TargetStats.of(c, y, excluding(fold, f));
                    stats.write(c, fold, f, rows, offset);
                }
            }
            offset += t.featureNames().size();
        }
    }

    private static boolean[] excluding(int[] fold, int f) {
        boolean[] use = new boolean[fold.length];
        for (int i = 0; i < fold.length; i++) {
            use[i] = fold[i] != f;
        }
        return use;
    }
}
