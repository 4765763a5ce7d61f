package dev.quarry.automl.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.history.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every metric against values computed by hand (the arithmetic is in the comments). */
class MetricTest {

    private static Target binary(int... labels) {
        return new Target("y", Task.BINARY, List.of("a", "b"), labels, null);
    }

    private static Target three(int... labels) {
        return new Target("y", Task.MULTICLASS, List.of("a", "b", "c"), labels, null);
    }

    private static Target numbers(double... values) {
        return new Target("y", Task.REGRESSION, List.of(), null, values);
    }

    /** Binary probabilities from P(class 1). */
    private static Predictions p1(double... positive) {
        double[][] out = new double[positive.length][];
        for (int i = 0; i < positive.length; i++) {
            out[i] = new double[] {1 - positive[i], positive[i]};
        }
        return Predictions.ofProbabilities(out);
    }

    @Test
    void aucCountsCorrectlyOrderedPairsWithTiesAsHalf() {
        // positives score 0.35 and 0.8, negatives 0.1 and 0.4: pairs (0.35>0.1) yes, (0.35>0.4) no,
        // (0.8>0.1) yes, (0.8>0.4) yes -> 3/4.
        assertEquals(0.75, Metric.AUC.compute(binary(0, 0, 1, 1), p1(0.1, 0.4, 0.35, 0.8)), 1e-12);
        assertEquals(1.0, Metric.AUC.compute(binary(0, 0, 1, 1), p1(0.1, 0.2, 0.3, 0.4)), 1e-12);
        assertEquals(0.0, Metric.AUC.compute(binary(0, 0, 1, 1), p1(0.9, 0.8, 0.3, 0.4)), 1e-12);
        // one tie between a positive and a negative (0.5, 0.5) counts half: (1 + 1 + 1 + 0.5) / 4
        assertEquals(0.875, Metric.AUC.compute(binary(0, 0, 1, 1), p1(0.1, 0.5, 0.5, 0.9)), 1e-12);
        assertEquals(Metric.AUC.compute(binary(0, 0, 1, 1), p1(0.1, 0.4, 0.35, 0.8)),
                Metric.AUC_WEIGHTED.compute(binary(0, 0, 1, 1), p1(0.1, 0.4, 0.35, 0.8)), 1e-12);
    }

    @Test
    void multiclassAucIsTheMacroOrWeightedMeanOfOneVsRest() {
        // labels a,a,b,c; scores (a,b,c) per row
        var y = three(0, 0, 1, 2);
        var p = Predictions.ofProbabilities(new double[][] {
            {0.8, 0.1, 0.1}, {0.3, 0.4, 0.3}, {0.2, 0.7, 0.1}, {0.1, 0.2, 0.7}});
        // a vs rest: positives 0.8, 0.3; negatives 0.2, 0.1 -> 4/4 = 1
        // b vs rest: positive 0.7; negatives 0.1, 0.4, 0.2 -> 3/3 = 1
        // c vs rest: positive 0.7; negatives 0.1, 0.3, 0.1 -> 1
        assertEquals(1.0, Metric.AUC.compute(y, p), 1e-12);
        var q = Predictions.ofProbabilities(new double[][] {
            {0.8, 0.1, 0.1}, {0.1, 0.4, 0.5}, {0.2, 0.7, 0.1}, {0.1, 0.2, 0.7}});
        // a: positives 0.8, 0.1; negatives 0.2, 0.1 -> (1 + 1) + (0 + 0.5) = 2.5/4 = 0.625
        // b: positive 0.7 vs 0.1, 0.4, 0.2 -> 1;  c: positive 0.7 vs 0.1, 0.5, 0.1 -> 1
        assertEquals((0.625 + 1 + 1) / 3, Metric.AUC.compute(y, q), 1e-12);
        // weighted by support 2, 1, 1
        assertEquals((2 * 0.625 + 1 + 1) / 4, Metric.AUC_WEIGHTED.compute(y, q), 1e-12);
    }

    @Test
    void logLossClipsZeroProbabilities() {
        // -(ln 0.9 + ln 0.8) / 2
        assertEquals(-(Math.log(0.9) + Math.log(0.8)) / 2, Metric.LOG_LOSS.compute(binary(1, 0), p1(0.9, 0.2)), 1e-12);
        // a zero probability on the true class is clipped to 1e-15: -ln(1e-15) / 1 (row renormalised: 1e-15 + 1)
        double clipped = -Math.log(1e-15 / (1e-15 + (1 - 1e-15)));
        assertEquals(clipped, Metric.LOG_LOSS.compute(binary(1), p1(0.0)), 1e-9);
    }

    @Test
    void accuracyBalancedAccuracyAndMacroF1() {
        // truth 0,0,0,1 ; predicted 0,0,0,0
        var y = binary(0, 0, 0, 1);
        var p = p1(0.1, 0.2, 0.3, 0.4);
        assertEquals(0.75, Metric.ACCURACY.compute(y, p), 1e-12);
        // recall class 0 = 3/3, class 1 = 0/1 -> 0.5
        assertEquals(0.5, Metric.BALANCED_ACCURACY.compute(y, p), 1e-12);
        // F1 class 0 = 2*3/(4+3) = 6/7; class 1 = 0 (never predicted) -> mean 3/7
        assertEquals(3.0 / 7, Metric.F1_MACRO.compute(y, p), 1e-12);
    }

    @Test
    void regressionMetrics() {
        var y = numbers(1, 2, 3);
        var f = Predictions.ofValues(new double[] {1, 2, 5});
        // errors 0, 0, 2: MSE 4/3, MAE 2/3; SStot = 2, SSres = 4 -> R2 = -1
        assertEquals(Math.sqrt(4.0 / 3), Metric.RMSE.compute(y, f), 1e-12);
        assertEquals(2.0 / 3, Metric.MAE.compute(y, f), 1e-12);
        assertEquals(-1.0, Metric.R2.compute(y, f), 1e-12);
        assertEquals(1.0, Metric.R2.compute(numbers(2, 2), Predictions.ofValues(new double[] {2, 2})));
        assertEquals(0.0, Metric.R2.compute(numbers(2, 2), Predictions.ofValues(new double[] {2, 3})));
    }

    @Test
    void directionsParsingAndTasks() {
        assertEquals(Direction.MINIMIZE, Metric.LOG_LOSS.direction());
        assertEquals(Direction.MAXIMIZE, Metric.R2.direction());
        assertEquals(Metric.AUC, Metric.parse("ROC_AUC"));
        assertEquals(Metric.LOG_LOSS, Metric.parse("logloss"));
        var e = assertThrows(IllegalArgumentException.class, () -> Metric.parse("acc"));
        assertTrue(e.getMessage().contains("accuracy") && e.getMessage().contains("rmse"), e.getMessage());
        assertEquals(List.of(Metric.RMSE, Metric.MAE, Metric.R2), Metric.forTask(Task.REGRESSION));
        assertEquals(Metric.AUC, Metric.defaultFor(Task.BINARY));
        assertThrows(IllegalArgumentException.class, () -> Metric.RMSE.compute(binary(0, 1), p1(0.1, 0.9)));
        assertThrows(IllegalArgumentException.class, () -> Metric.AUC.compute(binary(0, 1), p1(0.1)));
    }
}
