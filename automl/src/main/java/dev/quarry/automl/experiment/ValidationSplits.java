package dev.quarry.automl.experiment;

import dev.quarry.automl.config.AutoValidation;
import dev.quarry.automl.config.ConfigException;
import dev.quarry.automl.config.GroupKFoldValidation;
import dev.quarry.automl.config.HoldoutValidation;
import dev.quarry.automl.config.KFoldValidation;
import dev.quarry.automl.config.TimeSplitValidation;
import dev.quarry.automl.config.ValidationSpec;
import dev.quarry.automl.evaluation.Split;
import dev.quarry.automl.evaluation.Splits;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.LabelledTable;
import dev.quarry.featurize.table.NumericColumn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link ValidationSpec} and the training rows into splits and a sentence saying what was
 * chosen and why (recorded with the run). Pure: the same spec, rows and seed give the same splits.
 */
final class ValidationSplits {

    /** Rows below which {@code validation: auto} uses 10-fold CV (Azure's rule of thumb). */
    static final int SMALL_DATA_ROWS = 1_000;
    /** Rows up to which {@code validation: auto} uses 5-fold CV; above, a 10% holdout. */
    static final int MEDIUM_DATA_ROWS = 20_000;

    /**
     * @param splits the splits, row indices into the training table
     * @param description what was chosen, for people, e.g. "stratified 10-fold cross-validation (auto: ...)"
     */
    record Plan(List<Split> splits, String description) {
    }

    private ValidationSplits() {
    }

    /**
     * @param spec the validation config
     * @param train the training rows
     * @param seed the split seed
     * @param source the config's name, for messages
     * @return the plan
     * @throws ConfigException if a group or time column is absent, the target, or has missing values,
     *     or the data cannot be cut as asked
     */
    static Plan plan(ValidationSpec spec, LabelledTable train, long seed, String source) {
        int rows = train.target().size();
        boolean classification = train.target().task().isClassification();
        try {
            return switch (spec) {
                case KFoldValidation kf -> kFold(train, Math.min(kf.folds(), rows), kf.repeats(),
                        classification && kf.stratified(), seed, "");
                case HoldoutValidation h -> holdout(train, h.fraction(), classification && h.stratified(), seed, "");
                case AutoValidation a -> auto(train, classification, seed);
                case GroupKFoldValidation g -> {
                    int[] groups = groups(column(train, g.column(), "group", source));
                    long distinct = java.util.Arrays.stream(groups).distinct().count();
                    yield new Plan(Splits.groupKFold(groups, g.folds(), seed), g.folds() + "-fold group cross-validation by '"
                            + g.column() + "' (" + distinct + " groups; no group on both sides of a split)");
                }
                case TimeSplitValidation t -> new Plan(Splits.timeOrdered(times(column(train, t.column(), "time", source)),
                        t.folds()), t.folds() + " time-ordered split" + (t.folds() > 1 ? "s" : "") + " by '" + t.column()
                        + "' (expanding window: each trains only on rows earlier than those it validates)");
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, "$.validation", e.getMessage());
        }
    }

    private static Plan auto(LabelledTable train, boolean stratified, long seed) {
        int rows = train.target().size();
        if (rows < SMALL_DATA_ROWS) {
            return kFold(train, Math.min(10, rows), 1, stratified, seed,
                    " (auto: " + rows + " rows < " + SMALL_DATA_ROWS + ", so 10 folds)");
        }
        if (rows <= MEDIUM_DATA_ROWS) {
            return kFold(train, 5, 1, stratified, seed,
                    " (auto: " + rows + " rows in [" + SMALL_DATA_ROWS + ", " + MEDIUM_DATA_ROWS + "], so 5 folds)");
        }
        return holdout(train, 0.1, stratified, seed, " (auto: " + rows + " rows > " + MEDIUM_DATA_ROWS
                + ", so one holdout: cross-validation would cost more than it tells)");
    }

    private static Plan kFold(LabelledTable train, int k, int repeats, boolean stratified, long seed, String why) {
        if (k < 2) {
            return holdout(train, 0.5, stratified, seed, why);
        }
        List<Split> splits = Splits.repeatedKFold(train.target(), k, repeats, stratified, seed);
        return new Plan(splits, (stratified ? "stratified " : "") + k + "-fold cross-validation"
                + (repeats > 1 ? " repeated " + repeats + " times" : "") + why);
    }

    private static Plan holdout(LabelledTable train, double fraction, boolean stratified, long seed, String why) {
        int rows = train.target().size();
        Split split = stratified ? Splits.stratifiedHoldout(train.target(), fraction, seed)
                : Splits.holdout(rows, fraction, seed);
        return new Plan(List.of(split), (stratified ? "stratified " : "") + "holdout of "
                + Math.round(fraction * 100) + "% of rows" + why);
    }

    private static Column column(LabelledTable train, String name, String role, String source) {
        if (name.equals(train.target().column())) {
            throw new ConfigException(source, "$.validation.column", "the " + role + " column cannot be the target '"
                    + name + "'");
        }
        if (!train.features().has(name)) {
            throw new ConfigException(source, "$.validation.column", "no column '" + name + "' in the training file; columns are: "
                    + String.join(", ", train.features().columnNames()));
        }
        Column c = train.features().column(name);
        int missing = c.missingCount();
        if (missing > 0) {
            int first = 0;
            while (!c.isMissing(first)) {
                first++;
            }
            throw new ConfigException(source, "$.validation.column", "the " + role + " column '" + name + "' needs a value in every row; "
                    + missing + " rows have none (first: data row " + (first + 1) + ")");
        }
        return c;
    }

    /** Group ids: category codes, or each distinct number numbered in order of first appearance. */
    private static int[] groups(Column c) {
        return switch (c) {
            case CategoricalColumn cat -> cat.codes().clone();
            case NumericColumn num -> {
                Map<Double, Integer> ids = new HashMap<>();
                int[] out = new int[num.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = ids.computeIfAbsent(num.values()[i], v -> ids.size());
                }
                yield out;
            }
        };
    }

    /** Times: the numbers themselves, or each text's rank among the sorted distinct texts. */
    private static double[] times(Column c) {
        return switch (c) {
            case NumericColumn num -> num.values().clone();
            case CategoricalColumn cat -> {
                List<String> sorted = cat.levels().stream().sorted().toList();
                double[] rankOfCode = new double[cat.levels().size()];
                for (int code = 0; code < rankOfCode.length; code++) {
                    rankOfCode[code] = java.util.Collections.binarySearch(sorted, cat.levels().get(code));
                }
                double[] out = new double[cat.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = rankOfCode[cat.codes()[i]];
                }
                yield out;
            }
        };
    }

}
