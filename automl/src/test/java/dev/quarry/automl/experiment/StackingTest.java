package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StackingTest {

    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    /** Binary data whose true logit is x1 + x2; member g sees only a part of it. */
    private record Problem(List<Fold> folds, List<Candidate> candidates) {
    }

    private static Fold fold(int[] labels, double[] values, int[] rows) {
        int n = labels != null ? labels.length : values.length;
        var t = new Table(List.of(new NumericColumn("f", new double[n])));
        var y = labels != null ? new Target("y", Task.BINARY, List.of("a", "b"), labels, null)
                : new Target("y", Task.REGRESSION, List.of(), null, values);
        return new Fold(t, y, t, y, rows);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * @param memberLogits memberLogits[g][i]: member g's logit on row i
     * @param labels the labels
     * @param folds how many folds the rows are cut into (in order)
     */
    private static Problem binary(double[][] memberLogits, int[] labels, int folds) {
        int n = labels.length;
        var foldList = new ArrayList<Fold>();
        var perMember = new ArrayList<List<Predictions>>();
        for (int g = 0; g < memberLogits.length; g++) {
            perMember.add(new ArrayList<>());
        }
        for (int f = 0; f < folds; f++) {
            int from = f * n / folds;
            int to = (f + 1) * n / folds;
            int[] rows = java.util.stream.IntStream.range(from, to).toArray();
            foldList.add(fold(java.util.Arrays.copyOfRange(labels, from, to), null, rows));
            for (int g = 0; g < memberLogits.length; g++) {
                double[][] p = new double[to - from][];
                for (int i = from; i < to; i++) {
                    double q = sigmoid(memberLogits[g][i]);
                    p[i - from] = new double[] {1 - q, q};
                }
                perMember.get(g).add(Predictions.ofProbabilities(p));
            }
        }
        var candidates = new ArrayList<Candidate>();
        for (int g = 0; g < memberLogits.length; g++) {
            candidates.add(new Candidate(g, 0, List.of(), perMember.get(g)));
        }
        return new Problem(foldList, candidates);
    }

    private static double score(Problem p, Candidate c, Metric metric) {
        double sum = 0;
        for (int f = 0; f < p.folds().size(); f++) {
            sum += metric.compute(p.folds().get(f).testTarget(), c.foldPredictions().get(f));
        }
        return sum / p.folds().size();
    }

    @Test
    void thePenaltyIsTheBestScoringOrTheStrongestWithinOneStandardErrorOfIt() {
        // PENALTIES order, strongest first: losses fall as the penalty weakens, each with a standard error of 0.02
        double[] losses = {0.50, 0.46, 0.45, 0.449, 0.449};
        double[] errors = {0.02, 0.02, 0.02, 0.02, 0.02};
        assertEquals(3, Stacking.choose(losses, errors, Stacking.PenaltyRule.BEST), "the lowest; ties go to the stronger");
        assertEquals(1, Stacking.choose(losses, errors, Stacking.PenaltyRule.ONE_STANDARD_ERROR),
                "0.46 is within 0.449 + 0.02; 0.50 is not");
        assertEquals(0, Stacking.choose(new double[] {0.3, 0.4, 0.5, 0.6, 0.7}, errors, Stacking.PenaltyRule.ONE_STANDARD_ERROR));
    }

    @Test
    void beatsItsMembersWhenEachSeesAPartOfTheSignal() {
        var random = new SplittableRandom(7);
        int n = 600;
        double[][] logits = new double[3][n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            labels[i] = random.nextDouble() < sigmoid(1.5 * (x1 + x2)) ? 1 : 0;
            logits[0][i] = 1.5 * x1;
            logits[1][i] = 1.5 * x2;
            logits[2][i] = 1.5 * (x1 + random.nextGaussian());
        }
        Problem p = binary(logits, labels, 5);
        var stack = Stacking.fit(p.candidates(), p.folds(), Metric.AUC, 1, CLOCK, null).orElseThrow();
        double bestMember = p.candidates().stream().mapToDouble(c -> score(p, c, Metric.AUC)).max().orElseThrow();
        var greedy = EnsembleSelection.select(p.candidates(), p.folds(), Metric.AUC, 20).orElseThrow();
        // single members reach about 0.78; the pooled logit about 0.87: a margin far above fold noise
        assertTrue(stack.score() > bestMember + 0.05, "stack " + stack.score() + " vs best member " + bestMember);
        assertTrue(stack.score() >= greedy.score() - 0.005, "stack " + stack.score() + " vs greedy " + greedy.score()
                + " (whose score is not even cross-fitted)");
        assertEquals(stack.score(), stack.metrics().get("auc"), 1e-12);
        assertEquals(3, stack.stacker().weights().length);
        assertTrue(stack.stacker().weights()[0] > 0.3 && stack.stacker().weights()[1] > 0.3,
                "both informative members carry weight: " + java.util.Arrays.toString(stack.stacker().weights()));
    }

    @Test
    void ridgeStackingRecoversASumThatAveragingCannot() {
        var random = new SplittableRandom(11);
        int n = 400;
        int folds = 4;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextGaussian();
            b[i] = random.nextGaussian();
            y[i] = 3 + a[i] + b[i] + 0.1 * random.nextGaussian();
        }
        var foldList = new ArrayList<Fold>();
        var pa = new ArrayList<Predictions>();
        var pb = new ArrayList<Predictions>();
        for (int f = 0; f < folds; f++) {
            int from = f * n / folds;
            int to = (f + 1) * n / folds;
            foldList.add(fold(null, java.util.Arrays.copyOfRange(y, from, to), java.util.stream.IntStream.range(from, to).toArray()));
            pa.add(Predictions.ofValues(java.util.Arrays.copyOfRange(a, from, to)));
            pb.add(Predictions.ofValues(java.util.Arrays.copyOfRange(b, from, to)));
        }
        var candidates = List.of(new Candidate(0, 0, List.of(), pa), new Candidate(1, 0, List.of(), pb));
        var stack = Stacking.fit(candidates, foldList, Metric.RMSE, 1, CLOCK, null).orElseThrow();
        var greedy = EnsembleSelection.select(candidates, foldList, Metric.RMSE, 20).orElseThrow();
        assertTrue(stack.score() < 0.2, "the stack finds y = 3 + a + b: rmse " + stack.score());
        assertTrue(greedy.score() > 1.0, "an average of a and b cannot: rmse " + greedy.score());
        assertEquals(1.0, stack.stacker().weights()[0], 0.05);
        assertEquals(3.0, stack.stacker().biases()[0], 0.1);
    }

    /**
     * Members whose predictions are pure noise. Honest cross-fitting keeps the stack at chance; a
     * meta-learner scored on the rows it was fitted on would not be (the test checks that too, so it
     * can fail). The mean over 10 seeds of an honest AUC on 200 rows has a standard deviation of about
     * 0.013, so the 0.545 bound is about 3.5 of them above chance: a false failure about once in 4,000 runs.
     */
    @Test
    void staysAtChanceOnNoise() {
        double honest = 0;
        double leaky = 0;
        int seeds = 10;
        for (int s = 0; s < seeds; s++) {
            var random = new SplittableRandom(100 + s);
            int n = 200;
            double[][] logits = new double[8][n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(2);
                for (int g = 0; g < 8; g++) {
                    logits[g][i] = 2 * random.nextGaussian();
                }
            }
            Problem p = binary(logits, labels, 10);
            var stack = Stacking.fit(p.candidates(), p.folds(), Metric.AUC, s, CLOCK, null).orElseThrow();
            honest += stack.score() / seeds;
            // the same meta-learner family fitted on all rows and scored on them: what a leak would report
            double[][][] probs = new double[8][n][];
            int[] all = java.util.stream.IntStream.range(0, n).toArray();
            for (int g = 0; g < 8; g++) {
                for (int i = 0; i < n; i++) {
                    double q = sigmoid(logits[g][i]);
                    probs[g][i] = new double[] {1 - q, q};
                }
            }
            double[] theta = MetaLearner.fitLogistic(probs, all, labels, 2, 1e-4, null);
            var meta = MetaLearner.stacker(theta, new int[] {1, 1, 1, 1, 1, 1, 1, 1}, 2);
            var parts = new ArrayList<Predictions>();
            for (int g = 0; g < 8; g++) {
                parts.add(Predictions.ofProbabilities(probs[g]));
            }
            leaky += Metric.AUC.compute(new Target("y", Task.BINARY, List.of("a", "b"), labels, null), meta.combine(parts))
                    / seeds;
        }
        assertTrue(honest < 0.545, "cross-fitted stacking on noise stays at chance, got " + honest);
        assertTrue(leaky > 0.55, "an in-sample score would be optimistic (so this test can fail), got " + leaky);
    }

    /**
     * Repeated k-fold validates each row once per repetition. Members whose noise is the same for a
     * row in every repetition (as real members' predictions nearly are) would let a meta-learner fitted
     * on the other repetition's copies of the scored rows look better than chance; the stack leaves
     * those copies out.
     */
    @Test
    void repeatedFoldsDoNotLeakThroughTheSameRowsInAnotherRepetition() {
        double honest = 0;
        int seeds = 10;
        for (int s = 0; s < seeds; s++) {
            var random = new SplittableRandom(300 + s);
            int n = 100;
            double[][] noise = new double[8][n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(2);
                for (int g = 0; g < 8; g++) {
                    noise[g][i] = 2 * random.nextGaussian();
                }
            }
            var folds = new ArrayList<Fold>();
            var perMember = new ArrayList<List<Predictions>>();
            for (int g = 0; g < 8; g++) {
                perMember.add(new ArrayList<>());
            }
            for (int repeat = 0; repeat < 2; repeat++) {
                int[] order = java.util.stream.IntStream.range(0, n).toArray();
                for (int i = n - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                for (int f = 0; f < 5; f++) {
                    int[] rows = java.util.Arrays.copyOfRange(order, f * n / 5, (f + 1) * n / 5);
                    folds.add(fold(java.util.Arrays.stream(rows).map(r -> labels[r]).toArray(), null, rows));
                    for (int g = 0; g < 8; g++) {
                        double[][] p = new double[rows.length][];
                        for (int i = 0; i < rows.length; i++) {
                            double q = sigmoid(noise[g][rows[i]]);
                            p[i] = new double[] {1 - q, q};
                        }
                        perMember.get(g).add(Predictions.ofProbabilities(p));
                    }
                }
            }
            var candidates = new ArrayList<Candidate>();
            for (int g = 0; g < 8; g++) {
                candidates.add(new Candidate(g, 0, List.of(), perMember.get(g)));
            }
            honest += Stacking.fit(candidates, folds, Metric.AUC, s, CLOCK, null).orElseThrow().score() / seeds;
        }
        assertTrue(honest < 0.55, "copies of the scored rows are left out of the meta-learner's fit, got " + honest);
    }

    @Test
    void isDeterministicAndGivesUpPastItsDeadline() {
        var random = new SplittableRandom(3);
        int n = 300;
        double[][] logits = new double[2][n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(2);
            logits[0][i] = labels[i] + random.nextGaussian();
            logits[1][i] = labels[i] + random.nextGaussian();
        }
        Problem p = binary(logits, labels, 1);
        var first = Stacking.fit(p.candidates(), p.folds(), Metric.LOG_LOSS, 5, CLOCK, null).orElseThrow();
        var second = Stacking.fit(p.candidates(), p.folds(), Metric.LOG_LOSS, 5, CLOCK, null).orElseThrow();
        assertEquals(first.stacker(), second.stacker());
        assertEquals(first.score(), second.score());
        assertArrayEquals(first.foldPredictions().getFirst().probabilities()[7],
                second.foldPredictions().getFirst().probabilities()[7]);
        assertEquals(Optional.empty(), Stacking.fit(p.candidates(), p.folds(), Metric.LOG_LOSS, 5, CLOCK,
                CLOCK.instant()), "a deadline already passed stops it");
    }
}
