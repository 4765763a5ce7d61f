package dev.quarry.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.space.Params;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridSamplerTest {

    @Test
    void theGridCoversEveryCombinationOnceThenSaysItIsExhausted() {
        var space = SamplerContract.space();
        var grid = new GridSampler(3);
        // forest: trees 10, 70, 500 (log) x split gini, entropy = 6; linear: lambda 1e-6, ~3.2e-3, 10 = 3.
        List<Params> points = grid.points(space);
        assertEquals(9, points.size());
        assertEquals(9, new HashSet<>(points).size(), "no point twice");
        var history = SearchHistory.empty(Direction.MAXIMIZE);
        for (int i = 0; i < 9; i++) {
            assertFalse(grid.exhausted(space, history, i));
            Params p = grid.propose(space, history, i);
            assertTrue(space.contains(p), "in the space: " + p);
            assertEquals(points.get(i), p);
        }
        assertEquals(new Params("forest", Map.of("trees", 10, "split", "gini")), points.get(0));
        assertEquals(new Params("linear", Map.of("lambda", 10.0)), points.get(8));
        assertTrue(grid.exhausted(space, history, 9));
        var e = assertThrows(IllegalStateException.class, () -> grid.propose(space, history, 9));
        assertTrue(e.getMessage().contains("exhausted"), e.getMessage());
    }

    @Test
    void intAxesNeverRepeatAValue() {
        var space = new dev.quarry.search.space.SearchSpace(List.of(new dev.quarry.search.space.LearnerSpace("k",
                List.of(new dev.quarry.search.space.Hyperparameter("k", new dev.quarry.search.space.IntDomain(1, 3, false), 1)))));
        assertEquals(3, new GridSampler(10).points(space).size());
    }

    @Test
    void pointsPerAxisIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new GridSampler(0));
    }
}
