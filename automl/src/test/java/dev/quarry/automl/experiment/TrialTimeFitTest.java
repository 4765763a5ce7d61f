package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.sampler.RandomSampler;
import dev.quarry.search.space.IntDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Learners whose trials could not finish before the search stops get no new trials. */
class TrialTimeFitTest {

    private static TrialRecord trial(int n, String learner, TrialState state, double seconds) {
        return new TrialRecord(n, new Params(learner, Map.of()), state, state == TrialState.COMPLETED ? 0.5 : Double.NaN,
                seconds);
    }

    @Test
    void aLearnerWhoseMedianTrialTakesMoreThanItsShareOfTheTimeLeftIsTooSlow() {
        var history = new SearchHistory(Direction.MAXIMIZE, List.of(
                trial(0, "slow", TrialState.COMPLETED, 20),
                trial(1, "slow", TrialState.COMPLETED, 30),
                trial(2, "slow", TrialState.COMPLETED, 2), // median of 2, 20, 30: 20
                trial(3, "slow", TrialState.FAILED, 0.1), // failed early: not a trial's work
                trial(4, "fast", TrialState.COMPLETED, 1),
                trial(5, "fast", TrialState.RUNNING, 500), // running: its time is not known yet
                trial(6, "new", TrialState.RUNNING, 0),
                trial(7, "failing", TrialState.FAILED, 100)));
        // 20 s is more than 0.8 x 24 s = 19.2 s, not more than 0.8 x 25 s
        assertEquals(Map.of("slow", 20.0), TrialTimeFit.tooSlow(history, Duration.ofSeconds(24)));
        assertEquals(Map.of(), TrialTimeFit.tooSlow(history, Duration.ofSeconds(25)));
        assertEquals(Set.of("slow", "fast"), TrialTimeFit.tooSlow(history, Duration.ofMillis(1200)).keySet(),
                "a learner with no completed trial is never left out");
    }

    @Test
    void theSampledPlanProposesOnlyLearnersNotLeftOutAndNothingWhenAllAre() {
        var space = new SearchSpace(List.of(learner("a"), learner("b"), learner("c")));
        var plan = new SampledTrials("e", 1, space, Direction.MAXIMIZE, new RandomSampler(1, false));
        for (int i = 0; i < 30; i++) {
            var task = plan.next(true, Duration.ofMinutes(1), Set.of("a", "c")).orElseThrow();
            assertEquals("b", task.params().learner());
        }
        assertTrue(plan.next(true, Duration.ofMinutes(1), Set.of("a", "b", "c")).isEmpty());
        assertEquals(30, plan.started(), "nothing proposed when every learner is left out");
    }

    private static LearnerSpace learner(String name) {
        return new LearnerSpace(name, List.of(new Hyperparameter("n", new IntDomain(1, 1000, false), 1)));
    }
}
