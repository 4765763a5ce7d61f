package dev.quarry.examples.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.space.Params;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's functions are the published ones, and its runs count cost as documented. */
class TestFunctionsTest {

    @Test
    void functionsTakeTheirPublishedMinima() {
        // Branin's minima (Dixon and Szegő 1978) and Hartmann-6's minimiser (Surjanovic and Bingham's library).
        assertEquals(0.397887, TestFunctions.BRANIN.value(new Params("f", Map.of("x1", Math.PI, "x2", 2.275))), 1e-6);
        assertEquals(0.397887, TestFunctions.BRANIN.value(new Params("f", Map.of("x1", -Math.PI, "x2", 12.275))), 1e-6);
        var min = new Params("f", Map.of("x1", 0.20169, "x2", 0.150011, "x3", 0.476874, "x4", 0.275332,
                "x5", 0.311652, "x6", 0.6573));
        assertEquals(-3.32237, TestFunctions.HARTMANN6.value(min), 1e-5);
        assertEquals(TestFunctions.HARTMANN6.value(min), TestFunctions.HARTMANN6.valueAt(min, 1.0), 0,
                "full fidelity is the function");
        assertTrue(TestFunctions.HARTMANN6.valueAt(min, 1 / 9.0) > TestFunctions.HARTMANN6.value(min), "low fidelity is biased");
    }

    @Test
    void runsCountCostInFullEvaluationsAndBestOnlyFromFullOnes() {
        var random = SyntheticRun.run(TestFunctions.BRANIN, Strategy.RANDOM.sampler(1), null, 50);
        assertEquals(50, random.size());
        assertEquals(50.0, random.getLast().cost(), 1e-9);
        var asha = SyntheticRun.run(TestFunctions.BRANIN, Strategy.TPE_ASHA.sampler(1), Strategy.TPE_ASHA.scheduler(), 20);
        assertTrue(asha.size() > 20, "rungs below the top cost less than one evaluation: " + asha.size() + " runs");
        assertTrue(asha.getFirst().best() == Double.POSITIVE_INFINITY, "a first-rung run finds nothing at full fidelity");
        for (int i = 1; i < asha.size(); i++) {
            assertTrue(asha.get(i).best() <= asha.get(i - 1).best() && asha.get(i).cost() > asha.get(i - 1).cost());
        }
    }
}
