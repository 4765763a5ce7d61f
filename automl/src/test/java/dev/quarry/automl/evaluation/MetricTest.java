package dev.quarry.automl.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.history.Direction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

    @Test
    void aucTreatsEqualScoresAsHalfAPairAndIgnoresMonotoneRescaling() {
        // every score equal: each of the 2 x 2 pairs is a tie -> 4 * 0.5 / 4 = 0.5
        assertEquals(0.5, Metric.AUC.compute(binary(0, 1, 0, 1), p1(0.3, 0.3, 0.3, 0.3)), 1e-12);
        // tied groups on both sides: positives 0.2, 0.6, 0.6; negatives 0.2, 0.6, 0.9
        // 0.2: vs 0.2 tie (.5), vs 0.6 lose, vs 0.9 lose -> 0.5
        // 0.6 (twice): vs 0.2 win, vs 0.6 tie, vs 0.9 lose -> 1.5 each -> 3
        // (0.5 + 3) / 9 = 3.5 / 9
        assertEquals(3.5 / 9, Metric.AUC.compute(binary(1, 1, 1, 0, 0, 0), p1(0.2, 0.6, 0.6, 0.2, 0.6, 0.9)), 1e-12);
        // a strictly increasing map of the scores keeps every pair's order: (0.1, 0.4, 0.35, 0.8) squared
        assertEquals(0.75, Metric.AUC.compute(binary(0, 0, 1, 1), p1(0.01, 0.16, 0.1225, 0.64)), 1e-12);
        // one class absent: no pair to rank -> 0.5 by contract rather than an error
        assertEquals(0.5, Metric.AUC.compute(binary(1, 1, 1), p1(0.2, 0.5, 0.9)), 1e-12);
    }

    @Test
    void binaryAucUsesTheSecondClassAsPositive() {
        // probabilities of class "b" (index 1) rank the b rows on top -> 1; had class "a" been the
        // positive, the same table would score 0
        var y = binary(0, 1, 0, 1);
        var p = Predictions.ofProbabilities(new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.7, 0.3}, {0.4, 0.6}});
        assertEquals(1.0, Metric.AUC.compute(y, p), 1e-12);
        assertEquals(1.0, Metric.AUC_WEIGHTED.compute(y, p), 1e-12);
    }

    @Test
    void multiclassAucSkipsClassesAbsentFromTheTruth() {
        // truth a, a, b, b: class c has no positives, so only a-vs-rest and b-vs-rest count
        var y = three(0, 0, 1, 1);
        var p = Predictions.ofProbabilities(new double[][] {
            {0.6, 0.2, 0.2}, {0.3, 0.3, 0.4}, {0.5, 0.4, 0.1}, {0.1, 0.8, 0.1}});
        // a: positives 0.6, 0.3; negatives 0.5, 0.1 -> (0.6>0.5, 0.6>0.1, 0.3<0.5, 0.3>0.1) = 3/4
        // b: positives 0.4, 0.8; negatives 0.2, 0.3 -> 4/4
        assertEquals((0.75 + 1) / 2, Metric.AUC.compute(y, p), 1e-12);
        // supports 2 and 2: weighted equals macro here
        assertEquals((0.75 + 1) / 2, Metric.AUC_WEIGHTED.compute(y, p), 1e-12);
    }

    @Test
    void aucMatchesPairCountingOnRandomTiedScores() {
        // brute force over all pairs on 1500 rows with scores rounded to 0.05 (many ties), 4 classes
        var rng = new SplittableRandom(42);
        int n = 1500;
        int[] labels = new int[n];
        double[][] probabilities = new double[n][4];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(4);
            for (int k = 0; k < 4; k++) {
                probabilities[i][k] = Math.round((rng.nextDouble() + (k == labels[i] ? 0.3 : 0)) * 20) / 20.0;
            }
        }
        var y = new Target("y", Task.MULTICLASS, List.of("a", "b", "c", "d"), labels, null);
        double macro = 0;
        double weighted = 0;
        for (int c = 0; c < 4; c++) {
            double pairs = 0;
            double wins = 0;
            int support = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] != c) {
                    continue;
                }
                support++;
                for (int j = 0; j < n; j++) {
                    if (labels[j] != c) {
                        pairs++;
                        double d = probabilities[i][c] - probabilities[j][c];
                        wins += d > 0 ? 1 : d == 0 ? 0.5 : 0;
                    }
                }
            }
            macro += wins / pairs / 4;
            weighted += wins / pairs * support / n;
        }
        assertEquals(macro, Metric.AUC.compute(y, Predictions.ofProbabilities(probabilities)), 1e-12);
        assertEquals(weighted, Metric.AUC_WEIGHTED.compute(y, Predictions.ofProbabilities(probabilities)), 1e-12);
    }

    @Test
    void everyMetricHandles200kRowsQuickly() {
        var rng = new SplittableRandom(7);
        int n = 200_000;
        int[] labels = new int[n];
        double[][] probabilities = new double[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(2);
            double s = Math.clamp(0.5 + (labels[i] == 1 ? 0.1 : -0.1) + rng.nextGaussian() * 0.2, 0, 1);
            probabilities[i] = new double[] {1 - s, s};
        }
        var y = new Target("y", Task.BINARY, List.of("a", "b"), labels, null);
        var p = Predictions.ofProbabilities(probabilities);
        // a quadratic AUC would take minutes here; the bound is loose enough for a busy 2-core machine
        Map<String, Double> all = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> Metric.computeAll(y, p));
        // score shift 0.2 with noise sd 0.2 on each side: AUC = Phi(0.2 / (0.2 * sqrt 2)) = Phi(0.707) ~ 0.760;
        // with n = 200k its standard error is ~0.001, so +-0.01 fails only if the code is wrong
        assertEquals(0.760, all.get("auc"), 0.01);
    }

    @Test
    void logLossRenormalisesRowsAfterClipping() {
        // row (0.2, 0.2) does not sum to 1; renormalised it is (0.5, 0.5): -ln 0.5 = ln 2
        assertEquals(Math.log(2), Metric.LOG_LOSS.compute(binary(0), Predictions.ofProbabilities(new double[][] {{0.2, 0.2}})), 1e-12);
        // a certain right answer: (1, 0) clips to (1 - 1e-15, 1e-15), sum 1 -> -ln(1 - 1e-15) ~ 1e-15, not 0
        double certain = Metric.LOG_LOSS.compute(binary(0), Predictions.ofProbabilities(new double[][] {{1, 0}}));
        assertEquals(1e-15, certain, 1e-16);
        // three classes, true class c with probability 0: clipped to 1e-15, row sum 1 + 1e-15
        // -> -ln(1e-15 / (1 + 1e-15)) = 15 ln 10 + ln(1 + 1e-15) ~ 34.538776
        double wrong = Metric.LOG_LOSS.compute(three(2), Predictions.ofProbabilities(new double[][] {{0.5, 0.5, 0.0}}));
        assertEquals(15 * Math.log(10), wrong, 1e-9);
    }

    @Test
    void balancedAccuracyWeighsEveryPresentClassEqually() {
        // truth: six a, two b, one c; class c of three never occurs in predictions
        // predicted (argmax): a a a a a b | b a | a
        var y = three(0, 0, 0, 0, 0, 0, 1, 1, 2);
        var p = Predictions.ofProbabilities(new double[][] {
            {0.9, 0.05, 0.05}, {0.8, 0.1, 0.1}, {0.7, 0.2, 0.1}, {0.6, 0.3, 0.1}, {0.5, 0.4, 0.1}, {0.2, 0.7, 0.1},
            {0.1, 0.8, 0.1}, {0.6, 0.3, 0.1},
            {0.5, 0.2, 0.3}});
        // recall a = 5/6, b = 1/2, c = 0/1 -> (5/6 + 1/2 + 0) / 3 = 4/9; plain accuracy = 6/9
        assertEquals(4.0 / 9, Metric.BALANCED_ACCURACY.compute(y, p), 1e-12);
        assertEquals(6.0 / 9, Metric.ACCURACY.compute(y, p), 1e-12);
        // class c absent from the truth does not count: truth a, a, b, predicted a, b, b
        var y2 = three(0, 0, 1);
        var p2 = Predictions.ofProbabilities(new double[][] {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.8, 0.1}});
        // recall a = 1/2, b = 1/1 -> 0.75 over two classes (0.5 if c were counted as a zero)
        assertEquals(0.75, Metric.BALANCED_ACCURACY.compute(y2, p2), 1e-12);
    }

    @Test
    void macroF1CountsClassesOnlyPredictedAndBreaksArgmaxTiesLow() {
        // truth a, a, b, b; predicted a, c, b, b (c is never true)
        var y = three(0, 0, 1, 1);
        var p = Predictions.ofProbabilities(new double[][] {
            {0.7, 0.2, 0.1}, {0.2, 0.2, 0.6}, {0.1, 0.8, 0.1}, {0.3, 0.4, 0.3}});
        // F1 = 2 tp / (predicted + actual): a 2*1/(1+2) = 2/3, b 2*2/(2+2) = 1, c 0/(1+0) = 0 -> 5/9
        assertEquals(5.0 / 9, Metric.F1_MACRO.compute(y, p), 1e-12);
        // (0.5, 0.5) predicts class a (lower index): truth a -> right, truth b -> wrong
        assertEquals(0.5, Metric.ACCURACY.compute(binary(0, 1), p1(0.5, 0.5)), 1e-12);
    }

    @Test
    void regressionMetricsOnAPerfectAndAConstantFit() {
        var y = numbers(3, -1, 2, 4);
        assertEquals(0.0, Metric.RMSE.compute(y, Predictions.ofValues(new double[] {3, -1, 2, 4})));
        assertEquals(1.0, Metric.R2.compute(y, Predictions.ofValues(new double[] {3, -1, 2, 4})));
        // predicting the mean 2: errors 1, -3, 0, 2 -> MAE 6/4, MSE 14/4, R2 = 1 - 14/14 = 0
        var mean = Predictions.ofValues(new double[] {2, 2, 2, 2});
        assertEquals(1.5, Metric.MAE.compute(y, mean), 1e-12);
        assertEquals(Math.sqrt(3.5), Metric.RMSE.compute(y, mean), 1e-12);
        assertEquals(0.0, Metric.R2.compute(y, mean), 1e-12);
    }

    @Test
    void everyMetricHasItsDirectionAndTasks() {
        var expected = new LinkedHashMap<Metric, Direction>();
        expected.put(Metric.ACCURACY, Direction.MAXIMIZE);
        expected.put(Metric.BALANCED_ACCURACY, Direction.MAXIMIZE);
        expected.put(Metric.AUC, Direction.MAXIMIZE);
        expected.put(Metric.AUC_WEIGHTED, Direction.MAXIMIZE);
        expected.put(Metric.LOG_LOSS, Direction.MINIMIZE);
        expected.put(Metric.F1_MACRO, Direction.MAXIMIZE);
        expected.put(Metric.RMSE, Direction.MINIMIZE);
        expected.put(Metric.MAE, Direction.MINIMIZE);
        expected.put(Metric.R2, Direction.MAXIMIZE);
        assertEquals(Metric.values().length, expected.size());
        expected.forEach((m, d) -> assertEquals(d, m.direction(), m.id()));
        var classification = List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY, Metric.AUC, Metric.AUC_WEIGHTED,
                Metric.LOG_LOSS, Metric.F1_MACRO);
        assertEquals(classification, Metric.forTask(Task.BINARY));
        assertEquals(classification, Metric.forTask(Task.MULTICLASS));
        assertTrue(Metric.AUC.supports(Task.MULTICLASS) && !Metric.AUC.supports(Task.REGRESSION));
        assertTrue(Metric.R2.supports(Task.REGRESSION) && !Metric.R2.supports(Task.BINARY));
        assertEquals(Metric.LOG_LOSS, Metric.defaultFor(Task.MULTICLASS));
        assertEquals(Metric.RMSE, Metric.defaultFor(Task.REGRESSION));
        for (Metric m : Metric.values()) {
            assertEquals(m, Metric.parse(m.id().toUpperCase()), m.id());
        }
    }

    @Test
    void parseAcceptsAliasesAndNamesTheValidIds() {
        assertEquals(Metric.AUC, Metric.parse("roc_auc"));
        assertEquals(Metric.AUC, Metric.parse("AUC"));
        assertEquals(Metric.F1_MACRO, Metric.parse("F1"));
        assertEquals(Metric.LOG_LOSS, Metric.parse("LogLoss"));
        assertEquals(Metric.RMSE, Metric.parse(" rmse "));
        String message = assertThrows(IllegalArgumentException.class, () -> Metric.parse("mse")).getMessage();
        for (Metric m : Metric.values()) {
            assertTrue(message.contains(m.id()), message);
        }
        assertTrue(message.contains("'mse'"), message);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Metric.parse(null)).getMessage().contains("auc"));
    }

    @Test
    void computeAllScoresEveryMetricOfTheTaskInOrder() {
        var all = Metric.computeAll(numbers(1, 2, 3), Predictions.ofValues(new double[] {1, 2, 5}));
        assertEquals(List.of("rmse", "mae", "r2"), List.copyOf(all.keySet()));
        assertEquals(-1.0, all.get("r2"), 1e-12);
        var binaryAll = Metric.computeAll(binary(0, 0, 1, 1), p1(0.1, 0.4, 0.35, 0.8));
        assertEquals(List.of("accuracy", "balanced_accuracy", "auc", "auc_weighted", "log_loss", "f1_macro"),
                List.copyOf(binaryAll.keySet()));
        // predicted a, a, a, b against a, a, b, b -> 3/4
        assertEquals(0.75, binaryAll.get("accuracy"), 1e-12);
    }

    @Test
    void malformedInputIsRejectedWithTheRule() {
        var wrongWidth = Predictions.ofProbabilities(new double[][] {{0.5, 0.5}, {0.2, 0.8}});
        String width = assertThrows(IllegalArgumentException.class, () -> Metric.LOG_LOSS.compute(three(0, 1), wrongWidth))
                .getMessage();
        assertTrue(width.contains("(3)") && width.contains("has 2"), width);
        assertThrows(IllegalArgumentException.class, () -> Metric.ACCURACY.compute(binary(0, 1),
                Predictions.ofValues(new double[] {0, 1})));
        assertThrows(IllegalArgumentException.class, () -> Metric.MAE.compute(numbers(1, 2),
                Predictions.ofProbabilities(new double[][] {{1, 0}, {0, 1}})));
        assertThrows(IllegalArgumentException.class, () -> Metric.RMSE.compute(numbers(), Predictions.ofValues(new double[0])));
        String size = assertThrows(IllegalArgumentException.class,
                () -> Metric.MAE.compute(numbers(1, 2, 3), Predictions.ofValues(new double[] {1, 2}))).getMessage();
        assertTrue(size.contains("3") && size.contains("2"), size);
    }
}
