package dev.quarry.automl.learner;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.TestData;
import dev.quarry.featurize.table.Task;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Smile's forests and boosted trees and Tribuo's extra trees stop when the fitting thread is
 * interrupted, for every task: the local executor abandons and interrupts a cancelled trial's thread,
 * and Smile's forests grow their trees on the common fork-join pool, which the interrupt never reached.
 * (The MLP has its own test.)
 */
class InterruptedFitTest {

    @ParameterizedTest
    @CsvSource({
        "smile.random_forest, blood-transfusion.csv, target, BINARY",
        "smile.random_forest, abalone.csv, Class_Rings, REGRESSION",
        "smile.gradient_boosting, blood-transfusion.csv, target, BINARY",
        "smile.gradient_boosting, vehicle.csv, Class, MULTICLASS",
        "smile.gradient_boosting, abalone.csv, Class_Rings, REGRESSION",
        "tribuo.extra_trees, blood-transfusion.csv, target, BINARY",
        "tribuo.extra_trees, abalone.csv, Class_Rings, REGRESSION"})
    void anInterruptedFitStops(String learnerName, String file, String target, Task task) throws Exception {
        TrainingData data = TestData.featurized(file, target, task, 600, true);
        Learner learner = LearnerCatalog.load().find(learnerName).orElseThrow();
        var params = learner.space(task, data.target().size()).defaults();
        Thread.currentThread().interrupt();
        try {
            var e = assertThrows(CancellationException.class, () -> learner.fit(data, params, 1));
            // a forest's exception comes back through the fork-join pool, which wraps the original
            Throwable original = e.getMessage() == null && e.getCause() != null ? e.getCause() : e;
            assertTrue(String.valueOf(original.getMessage()).contains("fit interrupted"), String.valueOf(original));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status stays set");
        } finally {
            Thread.interrupted();
        }
        // the same fit on a thread that is not interrupted runs to the end, and the same model twice
        var a = learner.fit(data, params, 1).predict(data.features().rows());
        var b = learner.fit(data, params, 1).predict(data.features().rows());
        assertTrue(java.util.Arrays.equals(a.values(), b.values()) && java.util.Arrays.deepEquals(a.probabilities(),
                b.probabilities()));
    }
}
