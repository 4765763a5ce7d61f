package dev.quarry.automl.learner.smile;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.TestData;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * An MLP fit on an interrupted thread stops at the next epoch instead of running all of them: the
 * executors abandon a cancelled trial's thread, and a fit that ignored the interrupt kept a core busy
 * after the search.
 */
class SmileMlpInterruptTest {

    @Test
    void anInterruptedFitStopsBetweenEpochs() throws Exception {
        TrainingData data = TestData.featurized("blood-transfusion.csv", "target", Task.BINARY, 748, true);
        Learner mlp = LearnerCatalog.load().find("smile.mlp").orElseThrow();
        var params = mlp.space(Task.BINARY, data.target().size()).defaults();
        Thread.currentThread().interrupt();
        try {
            var e = assertThrows(CancellationException.class, () -> mlp.fit(data, params, 1));
            assertTrue(e.getMessage().contains("after 0 of"), e.getMessage());
        } finally {
            Thread.interrupted();
        }
        // the same fit on a thread that is not interrupted runs to the end
        mlp.fit(data, params, 1);
    }
}
