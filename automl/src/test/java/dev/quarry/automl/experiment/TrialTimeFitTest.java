package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.sampler.RandomSampler;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.IntDomain;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** New trials that could not finish before the search stops are not started. */
class TrialTimeFitTest {

    private static TrialRecord trial(int n, String learner, TrialState state, double seconds) {
        return trial(n, new Params(learner, Map.of()), state, seconds);
    }

    private static TrialRecord trial(int n, Params params, TrialState state, double seconds) {
        return new TrialRecord(n, params, state, state == TrialState.COMPLETED ? 0.5 : Double.NaN, seconds);
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
        var fit = TrialTimeFit.of(history, Map.of());
        // 20 s is more than 0.8 x 24 s = 19.2 s, not more than 0.8 x 25 s
        assertEquals(Map.of("slow", 20.0), fit.tooSlow(Duration.ofSeconds(24)));
        assertEquals(Map.of(), fit.tooSlow(Duration.ofSeconds(25)));
        assertEquals(Set.of("slow", "fast"), fit.tooSlow(Duration.ofMillis(1200)).keySet(),
                "a learner with no completed trial is never left out");
        assertTrue(fit.fits(new Params("failing", Map.of()), Duration.ofMillis(1)), "no estimate: never held back");
    }

    @Test
    void anIterativeLearnersEstimateScalesWithTheProposalsIterations() {
        var history = new SearchHistory(Direction.MAXIMIZE, List.of(
                trial(0, new Params("trees", Map.of("trees", 50)), TrialState.COMPLETED, 10), // 0.2 s a tree
                trial(1, new Params("trees", Map.of("trees", 100)), TrialState.COMPLETED, 30), // 0.3
                trial(2, new Params("trees", Map.of("trees", 20)), TrialState.COMPLETED, 2))); // 0.1: median 0.2
        var fit = TrialTimeFit.of(history, Map.of("trees", "trees"));
        assertEquals(OptionalDouble.of(100.0), fit.estimate(new Params("trees", Map.of("trees", 500))));
        assertEquals(OptionalDouble.of(4.0), fit.estimate(new Params("trees", Map.of("trees", 20))));
        assertFalse(fit.fits(new Params("trees", Map.of("trees", 500)), Duration.ofSeconds(60)));
        assertTrue(fit.fits(new Params("trees", Map.of("trees", 200)), Duration.ofSeconds(60)), "40 s <= 0.8 x 60 s");
        assertEquals(OptionalDouble.of(10.0), TrialTimeFit.of(history, Map.of()).estimate(new Params("trees",
                Map.of("trees", 500))), "without an iterations hyperparameter: the median trial");
    }

    @Test
    void theSampledPlanProposesOnlyTrialsThatFitAndNothingWhenNoneDoes() {
        var space = new SearchSpace(List.of(learner("a"), learner("b"), learner("c")));
        var plan = new SampledTrials("e", 1, space, Direction.MAXIMIZE, new RandomSampler(1, true), Map.of("c", "n"));
        for (int i = 0; i < 9; i++) {
            plan.next(true, Duration.ofMinutes(1), null).orElseThrow();
        }
        // the first three are the learners' defaults; a's trials took 10 s, b's 1 s, c's 1 s per n
        for (var t : plan.history().trials()) {
            String l = t.params().learner();
            double seconds = l.equals("a") ? 10 : l.equals("b") ? 1 : t.params().getInt("n");
            plan.finished(new dev.quarry.runner.trial.TrialResult("e", t.number(), t.params(), 1, TrialState.COMPLETED,
                    null, null, 0.5, Map.of(), java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusMillis((long) (seconds * 1000)),
                    seconds, "w"));
        }
        // with 5 s left (4 s usable) a is too slow, and so is any c proposal of more than 4 units
        for (int i = 0; i < 30; i++) {
            var task = plan.next(true, Duration.ofMinutes(1), Duration.ofSeconds(5)).orElseThrow();
            assertTrue(task.params().learner().equals("b") || task.params().getInt("n") <= 4, task.params().toString());
        }
        assertTrue(plan.next(true, Duration.ofMinutes(1), Duration.ofMillis(100)).isEmpty(), "nothing fits in 0.1 s");
    }

    private static LearnerSpace learner(String name) {
        return new LearnerSpace(name, List.of(new Hyperparameter("n", new IntDomain(1, 1000, false), 1)));
    }
}
