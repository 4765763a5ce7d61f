package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleSelectionTest {

    private static Fold fold(double... truth) {
        var t = new Table(List.of(new NumericColumn("f", new double[truth.length])));
        var y = new Target("y", Task.REGRESSION, List.of(), null, truth);
        return new Fold(t, y, t, y);
    }

    private static Candidate constant(int trial, double value, int folds, int rows) {
        double[] v = new double[rows];
        java.util.Arrays.fill(v, value);
        return new Candidate(trial, Math.abs(value - 0.3), List.of(),
                java.util.Collections.nCopies(folds, Predictions.ofValues(v)));
    }

    @Test
    void picksTheBlendClosestToTheTruthWithReplacement() {
        List<Fold> folds = List.of(fold(0.3, 0.3), fold(0.3, 0.3));
        // 0.2 and 0.5: the best blend is 2 x 0.2 + 1 x 0.5 = 0.3 exactly.
        var candidates = List.of(constant(4, 0.2, 2, 2), constant(9, 0.5, 2, 2), constant(1, 0.9, 2, 2));
        var e = EnsembleSelection.select(candidates, folds, Metric.RMSE, 20).orElseThrow();
        assertEquals(0.0, e.score(), 1e-12);
        assertEquals(2 * e.counts().get(9), e.counts().get(4));
        assertTrue(!e.counts().containsKey(1), "the far candidate is never picked");
        assertEquals(e.score(), e.metrics().get("rmse"), 1e-12);
    }

    @Test
    void aSingleBestCandidateStaysAlone() {
        List<Fold> folds = List.of(fold(0.3, 0.3));
        var e = EnsembleSelection.select(List.of(constant(0, 0.3, 1, 2), constant(1, 0.1, 1, 2)), folds, Metric.RMSE, 10)
                .orElseThrow();
        assertEquals(java.util.Set.of(0), e.counts().keySet(), "adding the other candidate only hurts");
        assertEquals(0.0, e.score(), 1e-12);
    }

    @Test
    void classificationBlendsProbabilities() {
        var t = new Table(List.of(new NumericColumn("f", new double[4])));
        var y = new Target("y", Task.BINARY, List.of("a", "b"), new int[] {0, 0, 1, 1}, null);
        List<Fold> folds = List.of(new Fold(t, y, t, y));
        // P(b) of A: negatives 0.1, 0.6; positives 0.7, 0.5 -> one pair wrong (0.5 < 0.6): AUC 0.75.
        // P(b) of B: negatives 0.6, 0.1; positives 0.5, 0.7 -> one pair wrong (0.5 < 0.6): AUC 0.75.
        // Their equal blend: negatives 0.35, 0.35; positives 0.6, 0.6 -> AUC 1.
        var a = new Candidate(0, 0.75, List.of(), List.of(Predictions.ofProbabilities(new double[][] {
            {0.9, 0.1}, {0.4, 0.6}, {0.3, 0.7}, {0.5, 0.5}})));
        var b = new Candidate(1, 0.75, List.of(), List.of(Predictions.ofProbabilities(new double[][] {
            {0.4, 0.6}, {0.9, 0.1}, {0.5, 0.5}, {0.3, 0.7}})));
        var e = EnsembleSelection.select(List.of(a, b), folds, Metric.AUC, 10).orElseThrow();
        assertEquals(1.0, e.score(), 1e-12);
        assertEquals(2, e.size());
    }

    private static Candidate perFold(int trial, double... valuePerFold) {
        var predictions = new java.util.ArrayList<Predictions>();
        for (double v : valuePerFold) {
            predictions.add(Predictions.ofValues(new double[] {v, v}));
        }
        return new Candidate(trial, 0, List.of(), predictions);
    }

    @Test
    void theNestedScoreOfAPickIsMadeOnRowsThePickDidNotSee() {
        List<Fold> folds = List.of(fold(0, 0), fold(0, 0));
        // A is perfect on fold 0 and 1 off on fold 1 (mean RMSE 0.5); B is 0.6 off everywhere (0.6).
        var a = perFold(0, 0, 1);
        var b = perFold(1, 0.6, 0.6);
        var inSample = EnsembleSelection.select(List.of(a, b), folds, Metric.RMSE, 1).orElseThrow();
        assertEquals(0.5, inSample.score(), 1e-12, "on the rows it was picked on, A flatters itself");
        var nested = EnsembleSelection.nested(List.of(a, b), folds, Metric.RMSE, 1, 7).orElseThrow();
        // fold 0 is predicted by the pick made on fold 1 (B: 0.6), fold 1 by the pick made on fold 0 (A: 1)
        assertEquals(0.6, nested.foldPredictions().get(0).values()[0], 1e-12);
        assertEquals(1.0, nested.foldPredictions().get(1).values()[0], 1e-12);
        assertEquals(0.8, nested.score(), 1e-12);
        assertEquals(nested.score(), nested.metrics().get("rmse"), 1e-12);
        // like a trial's, its fold spread (RMSE 0.6 and 1.0: sample standard deviation 0.2 * sqrt 2), so
        // preferSmallerModels' one-standard-error band is not zero when an ensemble leads
        assertEquals(0.2 * Math.sqrt(2), nested.metrics().get("rmse_std"), 1e-12);
    }

    @Test
    void aBlendThatHoldsOnEveryFoldKeepsItsScoreWhenNested() {
        List<Fold> folds = List.of(fold(0.3, 0.3), fold(0.3, 0.3), fold(0.3, 0.3));
        var candidates = List.of(constant(4, 0.2, 3, 2), constant(9, 0.5, 3, 2), constant(1, 0.9, 3, 2));
        assertEquals(0.0, EnsembleSelection.nested(candidates, folds, Metric.RMSE, 20, 1).orElseThrow().score(), 1e-12);
    }

    @Test
    void aRowValidatedTwiceIsNotSelectedOnWhenItIsScored() {
        var t = new Table(List.of(new NumericColumn("f", new double[2])));
        var y = new Target("y", Task.REGRESSION, List.of(), null, new double[] {0, 0});
        // repeated k-fold: folds 0 and 1 validate the same training rows 0 and 1; fold 2 rows 2 and 3
        List<Fold> folds = List.of(new Fold(t, y, t, y, new int[] {0, 1}), new Fold(t, y, t, y, new int[] {1, 0}),
                new Fold(t, y, t, y, new int[] {2, 3}));
        // A is exact on the repeated rows and 1 off on fold 2; B is 0.5 off everywhere. Selecting for
        // fold 0 on folds 1 and 2 would tie them (0.5) and take A; on fold 2 alone it takes B.
        var a = perFold(0, 0, 0, 1);
        var b = perFold(1, 0.5, 0.5, 0.5);
        var nested = EnsembleSelection.nested(List.of(a, b), folds, Metric.RMSE, 1, 3).orElseThrow();
        assertEquals(0.5, nested.foldPredictions().get(0).values()[0], 1e-12);
        assertEquals(0.5, nested.foldPredictions().get(1).values()[1], 1e-12);
    }

    @Test
    void aSingleFoldIsNestedOverSeededParts() {
        var t = new Table(List.of(new NumericColumn("f", new double[40])));
        var y = new Target("y", Task.REGRESSION, List.of(), null, new double[40]);
        List<Fold> folds = List.of(new Fold(t, y, t, y));
        // A is exact but on row 0, where it is 10 off; B is 0.5 off everywhere. The part that holds row
        // 0 is predicted by a pick made without it (A); every other part by one made with it (B).
        double[] a = new double[40];
        a[0] = 10;
        double[] b = new double[40];
        java.util.Arrays.fill(b, 0.5);
        var candidates = List.of(new Candidate(0, 0, List.of(), List.of(Predictions.ofValues(a))),
                new Candidate(1, 0, List.of(), List.of(Predictions.ofValues(b))));
        var nested = EnsembleSelection.nested(candidates, folds, Metric.RMSE, 1, 11).orElseThrow();
        double[] predicted = nested.foldPredictions().getFirst().values();
        assertEquals(10, predicted[0], 1e-12);
        assertEquals(40 / EnsembleSelection.HOLDOUT_PARTS - 1, java.util.Arrays.stream(predicted).filter(v -> v == 0).count(),
                "the rest of row 0's part");
        assertEquals(40 - 40 / EnsembleSelection.HOLDOUT_PARTS, java.util.Arrays.stream(predicted).filter(v -> v == 0.5).count());
        org.junit.jupiter.api.Assertions.assertArrayEquals(predicted, EnsembleSelection.nested(candidates, folds,
                Metric.RMSE, 1, 11).orElseThrow().foldPredictions().getFirst().values(), "the same seed cuts the same parts");
    }
}
