package dev.quarry.automl.evaluation;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.history.Direction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics Quarry scores with. Each knows its id (what users write), its direction and its tasks.
 * Definitions follow scikit-learn's, so numbers compare with published results; where scikit-learn
 * raises on an undefined value (AUC with one class absent) these return a neutral value, documented per
 * metric. Class predictions are {@link Predictions#predictedClass}: the argmax, ties to the lower index.
 * All methods are pure and thread-safe; every metric costs O(n), AUC O(n log n) per class.
 */
public enum Metric {
    /** Share of rows whose most probable class is the true one. */
    ACCURACY("accuracy", Direction.MAXIMIZE, true),
    /** Mean recall over the classes present in the truth. */
    BALANCED_ACCURACY("balanced_accuracy", Direction.MAXIMIZE, true),
    /**
     * ROC AUC. Binary: of {@code classes.get(1)} as the positive class. Multiclass: the unweighted mean of
     * one-vs-rest AUCs over classes with both positives and negatives in the truth. 0.5 when no class
     * has both.
     */
    AUC("auc", Direction.MAXIMIZE, true),
    /** One-vs-rest ROC AUC weighted by class support (equals {@link #AUC} for binary tasks). */
    AUC_WEIGHTED("auc_weighted", Direction.MAXIMIZE, true),
    /**
     * Mean negative log-likelihood of the true class, natural log. Probabilities are clipped to
     * [1e-15, 1 - 1e-15] and each row renormalised to sum to 1, as scikit-learn did with its former default
     * {@code eps=1e-15}, so a confident wrong answer costs about 34.5 instead of infinity.
     */
    LOG_LOSS("log_loss", Direction.MINIMIZE, true),
    /**
     * Unweighted mean of per-class F1 over classes in the truth or the predictions; a class in the truth
     * but never predicted has F1 0.
     */
    F1_MACRO("f1_macro", Direction.MAXIMIZE, true),
    /** Root mean squared error. */
    RMSE("rmse", Direction.MINIMIZE, false),
    /** Mean absolute error. */
    MAE("mae", Direction.MINIMIZE, false),
    /** Coefficient of determination, 1 - SSres / SStot; for constant truth 1 if every prediction is exact, else 0. */
    R2("r2", Direction.MAXIMIZE, false);

    private static final double EPS = 1e-15;
    private static final Map<String, Metric> ALIASES = Map.of("roc_auc", AUC, "logloss", LOG_LOSS, "f1", F1_MACRO,
            "auc_macro", AUC);

    private final String id;
    private final Direction direction;
    private final boolean classification;

    Metric(String id, Direction direction, boolean classification) {
        this.id = id;
        this.direction = direction;
        this.classification = classification;
    }

    /** @return the id users write in config */
    public String id() {
        return id;
    }

    /** @return whether larger or smaller is better */
    public Direction direction() {
        return direction;
    }

    /**
     * @param task a task
     * @return whether this metric applies to it
     */
    public boolean supports(Task task) {
        return task.isClassification() == classification;
    }

    /**
     * @param id a metric id or alias, any case
     * @return the metric
     * @throws IllegalArgumentException listing the valid ids
     */
    public static Metric parse(String id) {
        if (id == null) {
            throw new IllegalArgumentException("a metric id is required; valid metrics: " + validIds());
        }
        String key = id.trim().toLowerCase(Locale.ROOT);
        for (Metric m : values()) {
            if (m.id.equals(key)) {
                return m;
            }
        }
        Metric alias = ALIASES.get(key);
        if (alias != null) {
            return alias;
        }
        throw new IllegalArgumentException("unknown metric '" + id + "'; valid metrics: " + validIds()
                + " (aliases: " + String.join(", ", ALIASES.keySet().stream().sorted().toList()) + ")");
    }

    private static String validIds() {
        return String.join(", ", Arrays.stream(values()).map(Metric::id).toList());
    }

    /**
     * @param task a task
     * @return the metrics that apply, in a fixed order
     */
    public static List<Metric> forTask(Task task) {
        return Arrays.stream(values()).filter(m -> m.supports(task)).toList();
    }

    /**
     * @param task a task
     * @return the AutoML Benchmark's metric for it: auc, log_loss or rmse
     */
    public static Metric defaultFor(Task task) {
        return switch (task) {
            case BINARY -> AUC;
            case MULTICLASS -> LOG_LOSS;
            case REGRESSION -> RMSE;
        };
    }

    /**
     * @param truth the true target
     * @param p predictions for the same rows
     * @return every metric of the truth's task, in {@link #forTask} order
     */
    public static Map<String, Double> computeAll(Target truth, Predictions p) {
        var out = new LinkedHashMap<String, Double>();
        for (Metric m : forTask(truth.task())) {
            out.put(m.id, m.compute(truth, p));
        }
        return out;
    }

    /**
     * @param truth the true target
     * @param p predictions for the same rows, of the task's kind
     * @return the metric's value
     * @throws IllegalArgumentException if the metric does not apply to the task, sizes differ, there are no
     *     rows, the predictions are of the other kind, or a probability row's width is not the class count
     */
    public double compute(Target truth, Predictions p) {
        if (!supports(truth.task())) {
            throw new IllegalArgumentException(id + " does not apply to " + truth.task());
        }
        if (truth.size() != p.size()) {
            throw new IllegalArgumentException("truth has " + truth.size() + " rows, predictions " + p.size());
        }
        if (truth.size() == 0) {
            throw new IllegalArgumentException(id + " needs at least one row, got 0");
        }
        if (classification) {
            checkClassification(truth, p);
        } else if (p.values() == null) {
            throw new IllegalArgumentException(id + " needs regression values, got class probabilities");
        }
        return switch (this) {
            case ACCURACY -> accuracy(truth.labels(), p);
            case BALANCED_ACCURACY -> balancedAccuracy(truth.labels(), p, truth.classCount());
            case AUC -> truth.task() == Task.BINARY ? Auc.binary(truth.labels(), p.probabilities(), 1)
                    : Auc.oneVsRest(truth.labels(), p.probabilities(), truth.classCount(), false);
            case AUC_WEIGHTED -> truth.task() == Task.BINARY ? Auc.binary(truth.labels(), p.probabilities(), 1)
                    : Auc.oneVsRest(truth.labels(), p.probabilities(), truth.classCount(), true);
            case LOG_LOSS -> logLoss(truth.labels(), p.probabilities());
            case F1_MACRO -> f1Macro(truth.labels(), p, truth.classCount());
            case RMSE -> Math.sqrt(meanSquaredError(truth.values(), p.values()));
            case MAE -> meanAbsoluteError(truth.values(), p.values());
            case R2 -> r2(truth.values(), p.values());
        };
    }

    /** Catches a learner's width mistake here rather than as a wrong score or an index error deep inside. */
    private void checkClassification(Target truth, Predictions p) {
        if (p.probabilities() == null) {
            throw new IllegalArgumentException(id + " needs class probabilities, got regression values");
        }
        int k = truth.classCount();
        int[] y = truth.labels();
        double[][] probabilities = p.probabilities();
        for (int i = 0; i < y.length; i++) {
            if (probabilities[i] == null || probabilities[i].length != k) {
                throw new IllegalArgumentException("every probability row needs one entry per class (" + k
                        + "), row " + i + " has " + (probabilities[i] == null ? "none" : probabilities[i].length));
            }
            if (y[i] < 0 || y[i] >= k) {
                throw new IllegalArgumentException("labels must be class indices in [0, " + k + "), row " + i
                        + " has " + y[i]);
            }
        }
    }

    private static double accuracy(int[] y, Predictions p) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            if (p.predictedClass(i) == y[i]) {
                right++;
            }
        }
        return right / (double) y.length;
    }

    private static double balancedAccuracy(int[] y, Predictions p, int k) {
        int[] support = new int[k];
        int[] right = new int[k];
        for (int i = 0; i < y.length; i++) {
            support[y[i]]++;
            if (p.predictedClass(i) == y[i]) {
                right[y[i]]++;
            }
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            if (support[c] > 0) {
                sum += right[c] / (double) support[c];
                present++;
            }
        }
        return sum / present;
    }

    private static double logLoss(int[] y, double[][] probabilities) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double[] row = probabilities[i];
            double total = 0;
            for (double v : row) {
                total += Math.clamp(v, EPS, 1 - EPS);
            }
            sum -= Math.log(Math.clamp(row[y[i]], EPS, 1 - EPS) / total);
        }
        return sum / y.length;
    }

    private static double f1Macro(int[] y, Predictions p, int k) {
        int[] tp = new int[k];
        int[] predicted = new int[k];
        int[] actual = new int[k];
        for (int i = 0; i < y.length; i++) {
            int c = p.predictedClass(i);
            predicted[c]++;
            actual[y[i]]++;
            if (c == y[i]) {
                tp[c]++;
            }
        }
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < k; c++) {
            if (predicted[c] + actual[c] == 0) {
                continue;
            }
            classes++;
            sum += 2.0 * tp[c] / (predicted[c] + actual[c]);
        }
        return sum / classes;
    }

    private static double meanSquaredError(double[] y, double[] f) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - f[i];
            sum += d * d;
        }
        return sum / y.length;
    }

    private static double meanAbsoluteError(double[] y, double[] f) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += Math.abs(y[i] - f[i]);
        }
        return sum / y.length;
    }

    private static double r2(double[] y, double[] f) {
        double mean = Arrays.stream(y).average().orElse(0);
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < y.length; i++) {
            ssTot += (y[i] - mean) * (y[i] - mean);
            ssRes += (y[i] - f[i]) * (y[i] - f[i]);
        }
        if (ssTot == 0) {
            return ssRes == 0 ? 1.0 : 0.0;
        }
        return 1 - ssRes / ssTot;
    }
}
