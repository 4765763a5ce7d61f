package dev.quarry.automl.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import dev.quarry.reports.model.Diagnostics;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Diagnostics against values computed independently: the metric module's AUC, hand-counted matrices. */
class DiagnosticsBuilderTest {

    private static Target binary(int... labels) {
        return new Target("y", Task.BINARY, List.of("no", "yes"), labels, null);
    }

    private static Predictions positive(double... p) {
        double[][] rows = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            rows[i] = new double[] {1 - p[i], p[i]};
        }
        return Predictions.ofProbabilities(rows);
    }

    @Test
    void binaryCurvesAgreeWithTheMetricsAucAndCountTheConfusionMatrix() {
        var random = new Random(4);
        int n = 500;
        int[] labels = new int[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(3) == 0 ? 1 : 0;
            // Rounded to 0.05 so that ties occur and are handled as the metric handles them.
            p[i] = Math.round(Math.min(1, Math.max(0, (labels[i] == 1 ? 0.6 : 0.4) + random.nextGaussian() * 0.25)) * 20) / 20.0;
        }
        var truths = List.of(binary(java.util.Arrays.copyOfRange(labels, 0, 250)), binary(java.util.Arrays.copyOfRange(labels, 250, n)));
        var preds = List.of(positive(java.util.Arrays.copyOfRange(p, 0, 250)), positive(java.util.Arrays.copyOfRange(p, 250, n)));
        Diagnostics d = DiagnosticsBuilder.build("m", 3, Metric.AUC, truths, preds);
        double pooled = Metric.AUC.compute(binary(labels), positive(p));
        assertEquals(pooled, d.roc().area(), 1e-12, "trapezoids over distinct thresholds = the rank statistic");
        assertEquals(Metric.AUC.compute(truths.get(0), preds.get(0)), d.foldScores().get(0), 1e-12);
        int[][] expected = new int[2][2];
        for (int i = 0; i < n; i++) {
            expected[labels[i]][p[i] > 0.5 ? 1 : 0]++;
        }
        assertArrayEquals(expected[0], d.confusion()[0]);
        assertArrayEquals(expected[1], d.confusion()[1]);
        assertEquals(n, d.calibration().stream().mapToInt(Diagnostics.CalibrationBin::rows).sum());
        assertEquals(0, d.roc().x()[0]);
        assertEquals(1, d.roc().x()[d.roc().x().length - 1], 1e-12);
        assertTrue(d.pr().area() > 1 / 3.0, "better than the positive share: " + d.pr().area());
    }

    @Test
    void aPerfectRankingHasAreaOneOnBothCurves() {
        Diagnostics d = DiagnosticsBuilder.build("m", 0, Metric.AUC, List.of(binary(0, 0, 1, 1)),
                List.of(positive(0.1, 0.2, 0.8, 0.9)));
        assertEquals(1, d.roc().area(), 1e-12);
        assertEquals(1, d.pr().area(), 1e-12);
    }

    @Test
    void regressionKeepsPredictedAndActualPairsAndNoClassificationParts() {
        var truth = new Target("y", Task.REGRESSION, List.of(), null, new double[] {1, 2, 3});
        Diagnostics d = DiagnosticsBuilder.build("m", 0, Metric.RMSE, List.of(truth),
                List.of(Predictions.ofValues(new double[] {1.5, 2, 2})));
        assertEquals(List.of(new Diagnostics.Pair(1.5, 1), new Diagnostics.Pair(2, 2), new Diagnostics.Pair(2, 3)),
                d.predictedActual());
        assertNull(d.confusion());
        assertNull(d.roc());
    }

    @Test
    void permutationImportanceRanksTheColumnTheModelReadsFirst() {
        int n = 200;
        double[] signal = new double[n];
        double[] noise = new double[n];
        double[] y = new double[n];
        var random = new Random(9);
        for (int i = 0; i < n; i++) {
            signal[i] = random.nextGaussian();
            noise[i] = random.nextGaussian();
            y[i] = 2 * signal[i];
        }
        var table = new Table(List.of(new NumericColumn("noise", noise), new NumericColumn("signal", signal)));
        var truth = new Target("y", Task.REGRESSION, List.of(), null, y);
        // The "model" reads the signal column only, so shuffling noise changes nothing.
        java.util.function.Function<Table, Predictions> model = t -> {
            double[] s = ((NumericColumn) t.column("signal")).values();
            double[] out = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = 2 * s[i];
            }
            return Predictions.ofValues(out);
        };
        Diagnostics base = DiagnosticsBuilder.build("m", 0, Metric.RMSE, List.of(truth), List.of(model.apply(table)));
        Diagnostics d = PermutationImportance.add(base, Metric.RMSE,
                List.of(new PermutationImportance.FoldCase(table, truth, model)), 1, Duration.ofSeconds(10), () -> false);
        assertEquals("signal", d.importance().get(0).column());
        assertTrue(d.importance().get(0).drop() > 1, d.importance().toString());
        assertEquals(0, d.importance().get(1).drop(), 1e-12);
    }

    /**
     * A model too slow for the limit is timed on a few rows and not run on the rest: the limit holds.
     * Before, the baseline was scored on every sampled row (up to 1,000) whatever the limit, which is
     * how a k-NN ensemble member kept a 30-second adult run 8 s past its deadline.
     */
    @Test
    void aModelTooSlowForTheLimitIsNotRunOnEveryRow() {
        int n = 600;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i;
        }
        var table = new Table(List.of(new NumericColumn("x", x)));
        var truth = new Target("y", Task.REGRESSION, List.of(), null, y);
        var scored = new java.util.concurrent.atomic.AtomicInteger();
        // 5 ms a row: the baseline alone on 600 rows would take 3 s
        java.util.function.Function<Table, Predictions> slow = t -> {
            scored.addAndGet(t.rowCount());
            try {
                Thread.sleep(5L * t.rowCount());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Predictions.ofValues(((NumericColumn) t.column("x")).values().clone());
        };
        Diagnostics base = DiagnosticsBuilder.build("m", 0, Metric.RMSE, List.of(truth), List.of(Predictions.ofValues(y)));
        Diagnostics d = PermutationImportance.add(base, Metric.RMSE,
                List.of(new PermutationImportance.FoldCase(table, truth, slow)), 1, Duration.ofMillis(300), () -> false);
        assertEquals(PermutationImportance.PROBE_ROWS, scored.get(), "rows the model was asked to score");
        assertTrue(d.importance().isEmpty(), d.importance().toString());
        assertTrue(d.importanceNote().startsWith("Not measured: this model scores about"), d.importanceNote());
    }
}
