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
}
