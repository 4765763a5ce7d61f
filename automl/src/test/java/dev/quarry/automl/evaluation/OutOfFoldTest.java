package dev.quarry.automl.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutOfFoldTest {

    @Test
    void foldPredictionsLandOnTheirOriginalRows() {
        // each fold "predicts" its row number * 10, so alignment errors show as wrong values
        var oof = new OutOfFold(Task.REGRESSION, 23, 0);
        for (Split s : Splits.kFold(23, 4, 2)) {
            double[] v = new double[s.test().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = s.test()[i] * 10.0;
            }
            assertFalse(oof.complete());
            oof.put(s.test(), Predictions.ofValues(v));
        }
        assertTrue(oof.complete());
        double[] values = oof.predictions().values();
        for (int r = 0; r < 23; r++) {
            assertEquals(r * 10.0, values[r]);
        }
    }

    @Test
    void probabilitiesAreCopiedInAndScoredOverAllRows() {
        var oof = new OutOfFold(Task.BINARY, 4, 2);
        double[][] first = {{0.9, 0.1}, {0.35, 0.65}};
        // rows given out of order: row 2 then row 0
        oof.put(new int[] {2, 0}, Predictions.ofProbabilities(first));
        first[0][1] = 42; // the caller reusing its buffer must not change what was stored
        oof.put(new int[] {1, 3}, Predictions.ofProbabilities(new double[][] {{0.6, 0.4}, {0.2, 0.8}}));
        double[][] p = oof.predictions().probabilities();
        assertArrayEquals(new double[] {0.35, 0.65}, p[0]);
        assertArrayEquals(new double[] {0.6, 0.4}, p[1]);
        assertArrayEquals(new double[] {0.9, 0.1}, p[2]);
        assertArrayEquals(new double[] {0.2, 0.8}, p[3]);
        // truth 0, 0, 1, 1 with P(b) 0.65, 0.4, 0.1, 0.8: positives 0.1, 0.8 vs negatives 0.65, 0.4 -> 2/4
        var truth = new Target("y", Task.BINARY, List.of("a", "b"), new int[] {0, 0, 1, 1}, null);
        assertEquals(0.5, Metric.AUC.compute(truth, oof.predictions()), 1e-12);
    }

    @Test
    void aMissingRowIsNamed() {
        var oof = new OutOfFold(Task.REGRESSION, 5, 0);
        oof.put(new int[] {0, 1, 4}, Predictions.ofValues(new double[] {1, 2, 3}));
        String m = assertThrows(IllegalStateException.class, oof::predictions).getMessage();
        assertTrue(m.contains("2 of 5") && m.contains("row 2"), m);
    }

    @Test
    void malformedFoldsAreRejectedWhole() {
        var oof = new OutOfFold(Task.MULTICLASS, 4, 3);
        oof.put(new int[] {0}, Predictions.ofProbabilities(new double[][] {{1, 0, 0}}));
        String twice = assertThrows(IllegalArgumentException.class, () -> oof.put(new int[] {1, 0},
                Predictions.ofProbabilities(new double[][] {{1, 0, 0}, {0, 1, 0}}))).getMessage();
        assertTrue(twice.contains("row 0"), twice);
        assertThrows(IllegalArgumentException.class, () -> oof.put(new int[] {2, 2},
                Predictions.ofProbabilities(new double[][] {{1, 0, 0}, {0, 1, 0}})));
        assertThrows(IllegalArgumentException.class, () -> oof.put(new int[] {4},
                Predictions.ofProbabilities(new double[][] {{1, 0, 0}})));
        assertThrows(IllegalArgumentException.class, () -> oof.put(new int[] {1},
                Predictions.ofProbabilities(new double[][] {{0.5, 0.5}})));
        assertThrows(IllegalArgumentException.class, () -> oof.put(new int[] {1}, Predictions.ofValues(new double[] {1})));
        assertThrows(IllegalArgumentException.class, () -> oof.put(new int[] {1, 2},
                Predictions.ofProbabilities(new double[][] {{1, 0, 0}})));
        // the rejected {1, 0} fold stored nothing: rows 1, 2, 3 can still be given
        oof.put(new int[] {1, 2, 3}, Predictions.ofProbabilities(new double[][] {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}}));
        assertTrue(oof.complete());
    }

    @Test
    void constructorChecksTaskAgainstClassCount() {
        assertThrows(IllegalArgumentException.class, () -> new OutOfFold(Task.BINARY, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> new OutOfFold(Task.MULTICLASS, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new OutOfFold(Task.REGRESSION, 3, 2));
        String rows = assertThrows(IllegalArgumentException.class, () -> new OutOfFold(Task.REGRESSION, 0, 0)).getMessage();
        assertTrue(rows.contains("got 0"), rows);
    }
}
