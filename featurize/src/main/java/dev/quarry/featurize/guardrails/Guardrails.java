package dev.quarry.featurize.guardrails;

import dev.quarry.featurize.profile.ColumnProfile;
import dev.quarry.featurize.profile.ColumnType;
import dev.quarry.featurize.profile.TableProfile;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.featurize.table.LabelledTable;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import dev.quarry.featurize.transform.CategoricalImputation;
import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.featurize.transform.HighCardinality;
import dev.quarry.featurize.transform.MissingSignal;
import dev.quarry.featurize.transform.TargetColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Runs the guardrail checks on an experiment's data before any trial. Pure: the same data, profile,
 * spec and validation plan give the same report. The decisions it reports are the featurizer's own
 * (it calls the same rules), taken here on all training rows; each fold's featurizer takes them
 * again on its own training rows.
 */
public final class Guardrails {

    /** Single-column scores at or above these flag a leakage suspect. */
    static final double LEAK_AUC = 0.98;
    static final double LEAK_ACCURACY = 0.97;
    static final double LEAK_R2 = 0.95;
    /** Rows the leakage check looks at, at most (a seeded subsample beyond). */
    static final int LEAK_ROWS = 100_000;

    private Guardrails() {
    }

    /**
     * How validation splits the rows.
     *
     * @param folds the number of folds (1 for a holdout or a validation file)
     * @param heldOutShare the share of rows each fold validates on (1 for a validation file)
     * @param description for messages, e.g. "5-fold cross-validation"
     */
    public record ValidationPlan(int folds, double heldOutShare, String description) {
    }

    /**
     * @param train the training rows
     * @param validation a separate validation file's rows, or null
     * @param profile the column types
     * @param spec the featurization
     * @param plan how validation splits the rows
     * @return the report, checks in a fixed order
     */
    public static GuardrailReport run(LabelledTable train, LabelledTable validation, TableProfile profile,
            FeaturizerSpec spec, ValidationPlan plan) {
        var checks = new ArrayList<GuardrailCheck>();
        Target target = train.target();
        checks.add(missing(train, profile, spec));
        checks.add(highCardinality(train, profile, spec));
        checks.add(dropped("identifier_columns", profile, ColumnType.ID, "identifier-like (a different value on almost "
                + "every row)", "dropped: a key predicts nothing on new rows; force a type in featurize.columns to keep one"));
        checks.add(dropped("constant_columns", profile, ColumnType.CONSTANT, "constant or empty",
                "dropped: they carry no information"));
        checks.add(engineered(profile, spec));
        if (target.task().isClassification()) {
            checks.add(imbalance(target));
            checks.add(tinyClasses(target, validation, plan));
        }
        checks.add(leakage(train, profile));
        checks.add(DuplicateRows.check(train));
        checks.add(DistributionShift.check(train, validation, profile));
        return new GuardrailReport(checks);
    }

    private static List<ColumnProfile> kept(TableProfile profile) {
        return profile.columns().stream().filter(c -> !c.type().dropped()).toList();
    }

    private static GuardrailCheck missing(LabelledTable train, TableProfile profile, FeaturizerSpec spec) {
        var columns = new ArrayList<String>();
        var indicators = new ArrayList<String>();
        double[][] y = TargetColumns.of(train.target());
        var parts = new ArrayList<String>();
        for (ColumnProfile c : kept(profile)) {
            if (c.missing() == 0) {
                continue;
            }
            columns.add(c.name());
            parts.add(String.format(Locale.ROOT, "%s %.1f%%", c.name(), 100 * c.missingShare()));
            Column column = train.features().column(c.name());
            boolean numericLike = c.type() == ColumnType.NUMERIC || c.type() == ColumnType.INTEGER_CATEGORICAL
                    || c.type() == ColumnType.DATETIME || (c.type() == ColumnType.BOOLEAN && c.kind() == ColumnKind.NUMERIC);
            if (numericLike && MissingSignal.carries(column, y)) {
                indicators.add(c.name());
            }
        }
        if (columns.isEmpty()) {
            return new GuardrailCheck("missing_values", CheckStatus.PASSED, List.of(), "no missing values", "none");
        }
        String numeric = spec.numericImputation().name().toLowerCase(Locale.ROOT);
        String categorical = spec.categoricalImputation() == CategoricalImputation.MISSING_LEVEL
                ? "categorical missing values become their own level (__missing__)"
                : "categorical missing values take the most frequent level";
        String action = "numeric and datetime missing values imputed with the training " + numeric + " (per fold); "
                + categorical + "; text missing values give zero features; "
                + (indicators.isEmpty() ? "no missing-indicator feature added: missingness does not predict the target"
                        : "missing-indicator features added where missingness predicts the target: " + String.join(", ", indicators));
        return new GuardrailCheck("missing_values", CheckStatus.FIXED, columns,
                "missing values in " + columns.size() + " column" + (columns.size() > 1 ? "s" : "") + ": "
                        + String.join(", ", parts), action);
    }

    private static GuardrailCheck highCardinality(LabelledTable train, TableProfile profile, FeaturizerSpec spec) {
        var columns = new ArrayList<String>();
        var parts = new ArrayList<String>();
        for (ColumnProfile c : kept(profile)) {
            if (c.type() == ColumnType.CATEGORICAL && c.distinct() > spec.maxOneHotLevels()) {
                columns.add(c.name());
                parts.add(c.name() + " (" + c.distinct() + " levels)");
            }
        }
        if (columns.isEmpty()) {
            return new GuardrailCheck("high_cardinality", CheckStatus.PASSED, List.of(),
                    "every categorical column has at most " + spec.maxOneHotLevels() + " levels", "one-hot encoded");
        }
        String how = spec.highCardinality() == HighCardinality.TARGET
                ? "target encoded (smoothed target mean per level), computed out-of-fold on inner folds of each training "
                        + "fold, never on validation rows"
                : "frequency encoded (share of training rows per level)";
        return new GuardrailCheck("high_cardinality", CheckStatus.FIXED, columns,
                "categorical columns with more than " + spec.maxOneHotLevels() + " levels: " + String.join(", ", parts),
                how + "; if few levels cover 80% of rows, one-hot with rare levels (under "
                        + String.format(Locale.ROOT, "%.1f%%", 100 * spec.rareLevelShare()) + " of rows) grouped as __other__; "
                        + "levels unseen at prediction take the training prior");
    }

    private static GuardrailCheck dropped(String id, TableProfile profile, ColumnType type, String what, String action) {
        var columns = profile.columns().stream().filter(c -> c.type() == type).map(ColumnProfile::name).toList();
        if (columns.isEmpty()) {
            return new GuardrailCheck(id, CheckStatus.PASSED, List.of(), "no " + what + " columns", "none");
        }
        return new GuardrailCheck(id, CheckStatus.FIXED, columns, what + " columns: " + String.join(", ", columns), action);
    }

    private static GuardrailCheck engineered(TableProfile profile, FeaturizerSpec spec) {
        var columns = new ArrayList<String>();
        var parts = new ArrayList<String>();
        for (ColumnProfile c : profile.columns()) {
            switch (c.type()) {
                case DATETIME -> parts.add(c.name() + ": datetime (" + c.datetimeFormat().pattern() + ") -> year, month, day, "
                        + "weekday" + (c.datetimeFormat().hasTime() ? ", hour" : "") + ", elapsed");
                case TEXT -> parts.add(c.name() + ": free text -> " + (spec.textBuckets() == 0 ? "left out (textFeatures: 0)"
                        : "word count and " + spec.textBuckets() + " hashed word uni- and bigram features"));
                case BOOLEAN -> parts.add(c.name() + ": boolean -> one 0/1 feature");
                case INTEGER_CATEGORICAL -> parts.add(c.name() + ": " + c.distinct() + " integer codes -> the value and one "
                        + "indicator per code");
                case IGNORED -> parts.add(c.name() + ": ignored (featurize.columns)");
                default -> {
                    continue;
                }
            }
            columns.add(c.name());
        }
        if (columns.isEmpty()) {
            return new GuardrailCheck("column_types", CheckStatus.PASSED, List.of(),
                    "only numeric and categorical columns", "numeric imputed, categorical encoded");
        }
        return new GuardrailCheck("column_types", CheckStatus.FIXED, columns,
                "columns featurized by their detected or configured type: " + String.join("; ", parts),
                "features derived as listed; override a type with featurize.columns");
    }

    private static GuardrailCheck imbalance(Target target) {
        int[] counts = ClassBalance.counts(target);
        int min = 0;
        int max = 0;
        for (int c = 0; c < counts.length; c++) {
            min = counts[c] < counts[min] ? c : min;
            max = counts[c] > counts[max] ? c : max;
        }
        double ratio = counts[min] / (double) counts[max];
        var parts = new ArrayList<String>();
        for (int c = 0; c < counts.length; c++) {
            parts.add(target.classes().get(c) + "=" + counts[c]);
        }
        String message = String.format(Locale.ROOT, "class counts %s; smallest/largest = %.3f", String.join(", ", parts), ratio);
        if (ratio >= ClassBalance.IMBALANCE_RATIO) {
            return new GuardrailCheck("class_imbalance", CheckStatus.PASSED, List.of(target.column()), message, "none");
        }
        String metric = target.task() == Task.BINARY ? "auc (or balanced_accuracy)" : "balanced_accuracy, f1_macro or log_loss";
        return new GuardrailCheck("class_imbalance", CheckStatus.WARNING, List.of(target.column()),
                message + "; accuracy would mislead (always predicting " + target.classes().get(max) + " scores "
                        + String.format(Locale.ROOT, "%.3f", counts[max] / (double) target.size()) + ")",
                "class weights " + java.util.Arrays.toString(ClassBalance.weights(target)) + " (in class order) applied to "
                        + "learners that accept them (capability CLASS_WEIGHTS), in every fold and the refit; "
                        + "use metric: " + metric + "; validation folds are stratified");
    }

    private static GuardrailCheck tinyClasses(Target target, LabelledTable validation, ValidationPlan plan) {
        int[] counts = ClassBalance.counts(target);
        var tiny = new ArrayList<String>();
        for (int c = 0; c < counts.length; c++) {
            boolean few = validation != null ? false
                    : plan.folds() > 1 ? counts[c] < plan.folds() : counts[c] * plan.heldOutShare() < 1;
            if (few || counts[c] < 2) {
                tiny.add(target.classes().get(c) + " (" + counts[c] + " rows)");
            }
        }
        if (validation != null) {
            int[] v = ClassBalance.counts(validation.target());
            for (int c = 0; c < v.length; c++) {
                if (v[c] == 0) {
                    tiny.add(target.classes().get(c) + " (absent from the validation file)");
                }
            }
        }
        if (tiny.isEmpty()) {
            return new GuardrailCheck("tiny_classes", CheckStatus.PASSED, List.of(target.column()),
                    "every class has enough rows for " + plan.description(), "none");
        }
        return new GuardrailCheck("tiny_classes", CheckStatus.WARNING, List.of(target.column()),
                "classes too small for " + plan.description() + ": " + String.join(", ", tiny)
                        + "; some validation folds have none of their rows, so per-class metrics there are undefined",
                "collect more rows of these classes, merge them, or use fewer folds (validation.folds)");
    }

    private static GuardrailCheck leakage(LabelledTable train, TableProfile profile) {
        Target target = train.target();
        int n = target.size();
        int[] rows = sample(n, LEAK_ROWS, 0x1EA4L);
        double baseline = 0;
        if (target.task() == Task.MULTICLASS) {
            int[] counts = ClassBalance.counts(target);
            baseline = java.util.Arrays.stream(counts).max().orElse(0) / (double) n;
        }
        var suspects = new ArrayList<String>();
        var parts = new ArrayList<String>();
        for (ColumnProfile c : kept(profile)) {
            double s = SingleColumnScore.score(train.features().column(c.name()), target, rows, 0x5C0BEL);
            boolean leak = switch (target.task()) {
                case BINARY -> s >= LEAK_AUC;
                case MULTICLASS -> s >= LEAK_ACCURACY && baseline < LEAK_ACCURACY;
                case REGRESSION -> s >= LEAK_R2;
            };
            if (leak) {
                suspects.add(c.name());
                parts.add(String.format(Locale.ROOT, "%s alone scores %s %.4f", c.name(), scoreName(target.task()), s));
            }
        }
        if (suspects.isEmpty()) {
            return new GuardrailCheck("target_leakage", CheckStatus.PASSED, List.of(),
                    "no column alone predicts the target almost perfectly (held-out single-column "
                            + scoreName(target.task()) + " below " + threshold(target.task()) + ")", "none");
        }
        return new GuardrailCheck("target_leakage", CheckStatus.WARNING, suspects,
                "possible target leakage: " + String.join("; ", parts) + " on held-out rows",
                "kept, but check that these values are known before the target at prediction time; "
                        + "if not, list them in featurize.drop");
    }

    private static String scoreName(Task task) {
        return switch (task) {
            case BINARY -> "ROC AUC";
            case MULTICLASS -> "accuracy";
            case REGRESSION -> "R2";
        };
    }

    private static double threshold(Task task) {
        return switch (task) {
            case BINARY -> LEAK_AUC;
            case MULTICLASS -> LEAK_ACCURACY;
            case REGRESSION -> LEAK_R2;
        };
    }

    /** All rows in order, or a seeded sample of {@code max} of them in order. */
    static int[] sample(int n, int max, long seed) {
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        var random = new SplittableRandom(seed);
        return random.ints(0, n).distinct().limit(max).sorted().toArray();
    }
}
