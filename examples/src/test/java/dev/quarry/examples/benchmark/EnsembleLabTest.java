package dev.quarry.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.featurize.table.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lab's narrow pool: what the 3-family pool would have kept out of a run that kept more. */
class EnsembleLabTest {

    @Test
    void theNarrowPoolIsTheBestTrialsAndTheBestOfTheThreeBestFamilies() {
        // trial indexes ranked best first: nine extra trees, then a forest (11), a k-NN (9), a boosting model (10)
        Integer[] byScore = {3, 0, 1, 2, 4, 5, 6, 7, 8, 11, 9, 10};
        List<String> learners = List.of("extra_trees", "extra_trees", "extra_trees", "extra_trees", "extra_trees",
                "extra_trees", "extra_trees", "extra_trees", "extra_trees", "knn", "boosting", "random_forest");
        // the 8 best (not the ninth extra trees), then the best of the 3 best families' others: forest, k-NN
        assertEquals(List.of(3, 0, 1, 2, 4, 5, 6, 7, 11, 9), EnsembleLab.narrowPool(byScore, learners));
    }

    /** A blend built on two folds of three has no mean: it would be compared on other rows than the best single's. */
    @Test
    void aKindMissingOnSomeFoldHasNoMean() {
        Metric auc = Metric.defaultFor(Task.BINARY);
        var runs = List.of(
                new EnsembleLab.RunScores("blood", 0, "q", auc, Map.of("best single", 0.75, "ensemble", 0.74, "best_of_family", 0.74), List.of()),
                new EnsembleLab.RunScores("blood", 1, "q", auc, Map.of("best single", 0.71, "ensemble", 0.72), List.of()),
                new EnsembleLab.RunScores("blood", 2, "q", auc, Map.of("best single", 0.79, "ensemble", 0.80, "best_of_family", 0.78), List.of()));
        var mean = EnsembleLab.mean(runs);
        assertEquals(0.75, mean.scores().get("best single"), 1e-12);
        assertEquals(0.7533333333333333, mean.scores().get("ensemble"), 1e-12);
        assertEquals(null, mean.scores().get("best_of_family"));
        assertEquals("0/0/0", EnsembleLab.record(List.of(mean), "best_of_family"));
    }
}
