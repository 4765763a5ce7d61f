package dev.quarry.automl.report;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Target;
import dev.quarry.reports.model.Diagnostics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Permutation feature importance (Breiman 2001; Fisher, Rudin and Dominici 2019): how much the
 * primary metric worsens on a fold's validation rows when one raw input column is shuffled, so the
 * model loses what that column told it while keeping its distribution. Measured on each fold with
 * that fold's model, then averaged; at most {@link #MAX_ROWS} rows per fold and {@link #MAX_FOLDS}
 * folds, within a time limit, so a large dataset still gets an answer quickly. Deterministic for a
 * seed and a model no slower than the limit allows.
 *
 * <p>The limit holds for slow models too: the model first scores {@link #PROBE_ROWS} rows, and from
 * that time per row the rows per fold are cut so that the baseline and one shuffled column fit in
 * the time left; below {@link #MIN_ROWS} rows nothing is measured and the note says why. Before, the
 * baseline alone was scored on up to 1,000 rows whatever the limit: an ensemble with a k-NN member
 * on adult (29,000 training rows) spent 8 s there after a 30-second run's deadline.
 */
public final class PermutationImportance {

    /** Validation rows per fold used at most. */
    static final int MAX_ROWS = 1000;
    /** Folds used at most. */
    static final int MAX_FOLDS = 5;
    /** Rows scored first to time the model. */
    static final int PROBE_ROWS = 20;
    /** Rows per fold below which the importance is not measured: it would be noise. */
    static final int MIN_ROWS = 100;

    /**
     * One fold's validation rows and the model to measure on them.
     *
     * @param features the fold's raw validation features
     * @param truth their target
     * @param model the fold's model: raw features in, predictions out
     */
    public record FoldCase(Table features, Target truth, Function<Table, Predictions> model) {
    }

    private PermutationImportance() {
    }

    /**
     * @param diagnostics diagnostics to extend
     * @param metric the primary metric
     * @param folds the folds to measure on
     * @param seed for row sampling and shuffles
     * @param limit how long to spend at most; columns not reached are left out (the note says so)
     * @param stop checked between columns: when it turns true the measurement ends early, like at the limit
     * @return the diagnostics with importance and a note saying how it was measured
     */
    public static Diagnostics add(Diagnostics diagnostics, Metric metric, List<FoldCase> folds, long seed, Duration limit,
            BooleanSupplier stop) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<FoldCase> measuredFolds = folds.subList(0, Math.min(MAX_FOLDS, folds.size()));
        if (measuredFolds.isEmpty() || measuredFolds.getFirst().features().columns().isEmpty()) {
            return diagnostics.withImportance(List.of(), "no feature columns to measure");
        }
        // time the model on a few rows; keep as many rows per fold as the baseline and one column can afford
        FoldCase first = measuredFolds.getFirst();
        int probe = Math.min(PROBE_ROWS, first.features().rowCount());
        long probeStart = System.nanoTime();
        first.model().apply(first.features().select(IntStream.range(0, probe).toArray()));
        double nanosPerRow = (System.nanoTime() - probeStart) / (double) probe;
        double left = deadline - System.nanoTime();
        long affordable = (long) Math.min(MAX_ROWS, left / (2.0 * measuredFolds.size() * nanosPerRow));
        if (affordable < Math.min(MIN_ROWS, first.features().rowCount())) {
            return diagnostics.withImportance(List.of(), String.format(Locale.ROOT, "Not measured: this model scores "
                    + "about %.2f ms a row, so %d rows of %d fold%s would take longer than the %.1f s left.",
                    nanosPerRow / 1e6, Math.min(MIN_ROWS, first.features().rowCount()), measuredFolds.size(),
                    measuredFolds.size() == 1 ? "" : "s", Math.max(0, left) / 1e9));
        }
        var cases = new ArrayList<FoldCase>();
        for (int f = 0; f < measuredFolds.size(); f++) {
            cases.add(sample(measuredFolds.get(f), new Random(seed + 31L * f), (int) affordable));
        }
        double[] base = new double[cases.size()];
        for (int f = 0; f < cases.size(); f++) {
            FoldCase c = cases.get(f);
            base[f] = metric.direction().toLoss(metric.compute(c.truth(), c.model().apply(c.features())));
        }
        List<String> names = cases.getFirst().features().columnNames();
        var out = new ArrayList<Diagnostics.FeatureImportance>();
        int measured = 0;
        for (String name : names) {
            if (System.nanoTime() > deadline || stop.getAsBoolean()) {
                break;
            }
            double[] drop = new double[cases.size()];
            for (int f = 0; f < cases.size(); f++) {
                FoldCase c = cases.get(f);
                Table shuffled = shuffle(c.features(), name, new Random(seed ^ (name.hashCode() * 0x9E3779B97F4A7C15L) ^ f));
                drop[f] = metric.direction().toLoss(metric.compute(c.truth(), c.model().apply(shuffled))) - base[f];
            }
            double mean = java.util.Arrays.stream(drop).average().orElse(0);
            double var = drop.length < 2 ? 0 : java.util.Arrays.stream(drop).map(d -> (d - mean) * (d - mean)).sum()
                    / (drop.length - 1);
            out.add(new Diagnostics.FeatureImportance(name, mean, Math.sqrt(var)));
            measured++;
        }
        out.sort(Comparator.comparingDouble(Diagnostics.FeatureImportance::drop).reversed()
                .thenComparing(Diagnostics.FeatureImportance::column));
        int rows = cases.stream().mapToInt(c -> c.features().rowCount()).max().orElse(0);
        String note = "Each column shuffled once on up to " + rows + " validation rows of each of " + cases.size()
                + " fold" + (cases.size() == 1 ? "" : "s") + ", scored by that fold's model; bar: mean worsening of "
                + metric.id() + ", whisker: one standard deviation across folds."
                + (measured < names.size() ? " Only " + measured + " of " + names.size()
                        + " columns were measured within the time limit." : "");
        return diagnostics.withImportance(out, note);
    }

    /** A seeded random {@code max} of a case's rows, or the case when it has no more. */
    private static FoldCase sample(FoldCase c, Random random, int max) {
        int n = c.features().rowCount();
        if (n <= max) {
            return c;
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] rows = java.util.Arrays.copyOf(all, max);
        return new FoldCase(c.features().select(rows), c.truth().select(rows), c.model());
    }

    private static Table shuffle(Table t, String column, Random random) {
        int n = t.rowCount();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int x = perm[i];
            perm[i] = perm[j];
            perm[j] = x;
        }
        var columns = new ArrayList<Column>();
        for (Column c : t.columns()) {
            columns.add(c.name().equals(column) ? c.select(perm) : c);
        }
        return new Table(columns);
    }
}
