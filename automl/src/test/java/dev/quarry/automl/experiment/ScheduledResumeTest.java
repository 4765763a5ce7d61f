package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runner.history.RunHistory;
import dev.quarry.runner.store.RungRun;
import dev.quarry.runner.trial.Evaluation;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.Observation;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.sampler.GpSampler;
import dev.quarry.search.sampler.TpeSampler;
import dev.quarry.search.scheduler.Asha;
import dev.quarry.search.scheduler.Hyperband;
import dev.quarry.search.scheduler.MedianStoppingPolicy;
import dev.quarry.search.scheduler.ResourceLadder;
import dev.quarry.search.scheduler.SuccessiveHalving;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A scheduled plan stopped after k decisions, with runs in flight, and rebuilt from what the run
 * store would hold (child runs, rung runs, observations) decides exactly as the uninterrupted plan
 * does: the same later starts (same params), the same promotions, the same observations and the
 * same ended child runs, and no finished run is run again. The executor is simulated: two workers,
 * runs finish first in, first out, a run at resource r takes 10·r seconds, and the score is a known
 * function of the params and the resource.
 */
class ScheduledResumeTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final int WORKERS = 2;
    private static final int MAX_TRIALS = 24;

    private static final SearchSpace SPACE = new SearchSpace(List.of(
            new LearnerSpace("a", List.of(new Hyperparameter("x", new FloatDomain(0, 1, false), 0.5))),
            new LearnerSpace("b", List.of(new Hyperparameter("x", new FloatDomain(0, 1, false), 0.5)))));

    /** The store's view of a plan's log, kept in memory. */
    private static final class MemoryLog implements ScheduledTrials.Log {
        final List<RungRun> runs = new ArrayList<>();
        final List<Observation> observations = new ArrayList<>();

        @Override
        public void started(int trial, double resource, Params params) {
            runs.add(new RungRun(trial, resource, params, Double.NaN, Double.NaN));
        }

        @Override
        public void observed(Observation observation) {
            observations.add(observation);
        }

        @Override
        public void finished(int trial, double seconds, double fitSeconds) {
            for (int i = runs.size() - 1; i >= 0; i--) {
                RungRun r = runs.get(i);
                if (r.trial() == trial) {
                    runs.set(i, new RungRun(trial, r.resource(), r.params(), seconds, fitSeconds));
                    return;
                }
            }
            throw new AssertionError("no run of trial " + trial);
        }
    }

    /** One coordinator: a plan, its workers' queue and the child runs it recorded. */
    private static final class Coordinator {
        final ScheduledTrials plan;
        final MemoryLog log;
        final TreeMap<Integer, TrialResult> rows;
        final ArrayDeque<TrialTask> inFlight = new ArrayDeque<>();
        final List<String> ran = new ArrayList<>();

        Coordinator(SearchStrategy strategy, MemoryLog log, TreeMap<Integer, TrialResult> rows) {
            this.plan = new ScheduledTrials("e", 5, SPACE, Direction.MINIMIZE, strategy, log);
            this.log = log;
            this.rows = rows;
        }

        /** Fills free workers; stops (true) once {@code decisions} runs have been started in all. */
        boolean fill(int decisions) {
            while (inFlight.size() < WORKERS && log.runs.size() < decisions) {
                var next = plan.next(plan.started() < MAX_TRIALS, Duration.ofMinutes(1), null);
                if (next.isEmpty()) {
                    return false;
                }
                TrialTask t = next.get();
                inFlight.add(t);
                rows.putIfAbsent(t.number(), new TrialResult("e", t.number(), t.params(), t.seed(), TrialState.RUNNING,
                        null, null, Double.NaN, Map.of(), T0, T0, 0, "w"));
            }
            return log.runs.size() >= decisions;
        }

        /** Finishes the oldest run in flight; false if none. */
        boolean step() {
            TrialTask t = inFlight.poll();
            if (t == null) {
                return false;
            }
            ran.add(t.number() + "@" + t.resource());
            double x = t.params().getDouble("x");
            double score = Math.abs(x - (t.params().learner().equals("a") ? 0.3 : 0.6)) + 0.2 * (1 - t.resource());
            var result = TrialResult.completed(t, new Evaluation(score, Map.of("rmse", score), t.resource()),
                    T0, T0.plusMillis((long) (10_000 * t.resource())), "w");
            for (TrialResult r : plan.finished(result)) {
                rows.put(r.number(), r);
            }
            return true;
        }

        void runToEnd() {
            while (true) {
                fill(Integer.MAX_VALUE);
                if (!step()) {
                    break;
                }
            }
            for (TrialResult r : plan.close(T0)) {
                rows.put(r.number(), r);
            }
        }
    }

    private static void assertResumeMatches(String name, Supplier<SearchStrategy> strategy, int killAfter) {
        var uninterrupted = new Coordinator(strategy.get(), new MemoryLog(), new TreeMap<>());
        uninterrupted.runToEnd();

        var killed = new Coordinator(strategy.get(), new MemoryLog(), new TreeMap<>());
        while (!killed.fill(killAfter)) {
            assertTrue(killed.step(), name + ": the run ends before " + killAfter + " decisions");
        }
        assertFalse(killed.inFlight.isEmpty(), name + ": runs are in flight when the coordinator dies");
        var finishedBefore = new ArrayList<>(killed.ran);

        // What the run store holds after the kill, read back by a new coordinator.
        var log = new MemoryLog();
        log.runs.addAll(killed.log.runs);
        log.observations.addAll(killed.log.observations);
        var rows = new TreeMap<>(killed.rows);
        var resumed = new Coordinator(strategy.get(), log, rows);
        for (TrialResult r : resumed.plan.replay(List.copyOf(rows.values()), List.copyOf(log.runs),
                List.copyOf(log.observations), T0)) {
            rows.put(r.number(), r);
        }
        resumed.runToEnd();

        assertEquals(uninterrupted.log.observations, resumed.log.observations,
                name + ": the same runs finished with the same scores, in the same order (promotions included)");
        var all = new ArrayList<>(finishedBefore);
        all.addAll(resumed.ran);
        assertEquals(uninterrupted.ran, all, name + ": no finished run is run again, and the rest run as uninterrupted");
        assertEquals(uninterrupted.rows.keySet(), resumed.rows.keySet(), name + ": the same trials");
        for (int n : uninterrupted.rows.keySet()) {
            TrialResult want = uninterrupted.rows.get(n);
            TrialResult got = resumed.rows.get(n);
            assertEquals(want.params(), got.params(), name + ": params of trial " + n);
            assertEquals(want.state(), got.state(), name + ": state of trial " + n);
            assertEquals(want.score(), got.score(), 0, name + ": score of trial " + n);
            assertEquals(want.metrics().get(RunHistory.RESOURCE_METRIC), got.metrics().get(RunHistory.RESOURCE_METRIC),
                    name + ": resource of trial " + n);
        }
    }

    private static ResourceLadder ladder() {
        return new ResourceLadder(1.0 / 9, 1, 3);
    }

    @Test
    void ashaResumesWithTheSameStartsAndPromotions() {
        for (int kill : new int[] {7, 13, 22}) {
            assertResumeMatches("asha/tpe, killed after " + kill, () -> new SearchStrategy(
                    new TpeSampler(5, 4, 24, 0.25, true, true), new Asha(ladder()), null), kill);
        }
    }

    @Test
    void hyperbandAndSuccessiveHalvingResumeWithTheSameBrackets() {
        for (int kill : new int[] {5, 11, 19}) {
            assertResumeMatches("hyperband/tpe, killed after " + kill, () -> new SearchStrategy(
                    new TpeSampler(5, 4, 24, 0.25, true, false), new Hyperband(ladder()), null), kill);
            assertResumeMatches("successive halving/gp, killed after " + kill, () -> new SearchStrategy(
                    new GpSampler(5, 4, 16, true), new SuccessiveHalving(ladder(), 9), null), kill);
        }
    }

    @Test
    void aStoppingPolicyResumesWithTheSameStops() {
        assertResumeMatches("asha + median stopping", () -> new SearchStrategy(new TpeSampler(5, 4, 24, 0.25, true, false),
                new Asha(ladder()), new MedianStoppingPolicy(1, 0)), 15);
    }
}
