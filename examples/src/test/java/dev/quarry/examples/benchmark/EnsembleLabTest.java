package dev.quarry.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab's default pool: what Quarry's defaults would have kept out of a run that kept more. */
class EnsembleLabTest {

    @Test
    void theDefaultPoolIsTheBestTrialsAndTheBestOfTheBestFamilies() {
        // trial indexes ranked best first: nine extra trees, then a forest (11), a k-NN (9), a boosting model (10)
        Integer[] byScore = {3, 0, 1, 2, 4, 5, 6, 7, 8, 11, 9, 10};
        List<String> learners = List.of("extra_trees", "extra_trees", "extra_trees", "extra_trees", "extra_trees",
                "extra_trees", "extra_trees", "extra_trees", "extra_trees", "knn", "boosting", "random_forest");
        // the 8 best (not the ninth extra trees), then the best of the 3 best families' others: forest, k-NN
        assertEquals(List.of(3, 0, 1, 2, 4, 5, 6, 7, 11, 9), EnsembleLab.defaultPool(byScore, learners));
    }
}
