package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetainedModelsTest {

    private static TrialResult trial(int n, String learner, double auc) {
        return new TrialResult("e", n, new Params(learner, Map.of()), 1, TrialState.COMPLETED, null, null, auc, Map.of(),
                Instant.EPOCH, Instant.EPOCH, 0, "w");
    }

    private static void finish(RetainedModels r, TrialResult t) {
        r.offer(t.number(), List.of(), List.of(Predictions.ofValues(new double[] {t.score()})));
        r.decide(t);
    }

    @Test
    void keepsTheBestOfEachOfTheBestFamiliesBesideTheOverallBest() {
        var r = new RetainedModels(Direction.MAXIMIZE, 2, 3);
        finish(r, trial(0, "forest", 0.90));
        finish(r, trial(1, "forest", 0.91));
        finish(r, trial(2, "forest", 0.92));
        finish(r, trial(3, "linear", 0.80));
        finish(r, trial(4, "knn", 0.70));
        finish(r, trial(5, "bayes", 0.60));
        finish(r, trial(6, "linear", 0.85));
        assertEquals(List.of(2, 1), r.candidates().stream().map(Candidate::trial).toList(), "the two best overall");
        assertEquals(List.of(2, 6, 4), r.familyBests().stream().map(Candidate::trial).toList(),
                "each family's best, for the three best families: bayes is dropped, linear's better trial replaces its first");
        assertEquals(List.of(2, 1, 6, 4), r.all().stream().map(Candidate::trial).toList());
        assertEquals(true, r.foldModels(4).isPresent(), "a family best is a refit fallback too");
    }

    @Test
    void keepsNoFamiliesWhenAskedForNone() {
        var r = new RetainedModels(Direction.MINIMIZE, 1);
        finish(r, trial(0, "a", 0.3));
        finish(r, trial(1, "b", 0.2));
        assertEquals(List.of(), r.familyBests());
        assertEquals(List.of(1), r.all().stream().map(Candidate::trial).toList());
    }
}
