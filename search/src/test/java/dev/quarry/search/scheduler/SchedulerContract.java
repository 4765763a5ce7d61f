package dev.quarry.search.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every scheduler must do. A scheduler's test implements this interface and supplies the
 * scheduler for a ladder; the tests run it in a deterministic simulation with a scripted score
 * (a known function of the trial and resource).
 */
public interface SchedulerContract {

    /**
     * @param ladder the rungs
     * @return the scheduler under test
     */
    Scheduler scheduler(ResourceLadder ladder);

    /** 1, 3, 9, 27. */
    static ResourceLadder ladder() {
        return new ResourceLadder(1, 27, 3);
    }

    /** Trial n's score grows with the resource and is ordered by a scrambled n. */
    static double script(int trial, double resource) {
        return ((trial * 7919) % 101) / 101.0 + Math.log(resource) / 10;
    }

    default Simulation simulate(int workers, java.util.function.IntPredicate fails) {
        return Simulation.run(scheduler(ladder()), null, workers, 60, SchedulerContract::script, fails);
    }

    @Test
    default void everyDecisionIsAtARungAndPromotesOneRungUp() {
        Simulation sim = simulate(3, t -> false);
        for (int i = 0; i < sim.decisions.size(); i++) {
            Decision d = sim.decisions.get(i);
            SearchHistory h = sim.before.get(i);
            switch (d) {
                case Decision.Start s -> assertTrue(ladder().indexOf(s.resource()) >= 0, "start at a rung: " + s);
                case Decision.Promote p -> {
                    TrialRecord t = h.trial(p.trial()).orElseThrow();
                    assertEquals(TrialState.COMPLETED, t.state(), "only finished trials are promoted: " + p);
                    assertEquals(ladder().indexOf(t.resource()) + 1, ladder().indexOf(p.resource()), "one rung up: " + p);
                }
                case Decision.Wait w -> throw new AssertionError("the simulation never records a wait");
            }
        }
        assertTrue(sim.decisions.stream().anyMatch(d -> d instanceof Decision.Promote), "some trial is promoted");
    }

    @Test
    default void failedTrialsAreNeverPromoted() {
        // Every third trial fails at rung 0; those must never be run again.
        Simulation sim = simulate(3, t -> t % 3 == 0);
        for (Decision d : sim.decisions) {
            if (d instanceof Decision.Promote p) {
                assertFalse(p.trial() % 3 == 0, "failed trial promoted: " + p);
            }
        }
        assertTrue(sim.decisions.stream().anyMatch(d -> d instanceof Decision.Promote), "others still are");
    }

    @Test
    default void prunedTrialsAreNeverPromoted() {
        var sim = Simulation.run(scheduler(ladder()), new TruncationSelectionPolicy(50, 1, 0), 2, 40,
                SchedulerContract::script, t -> false);
        assertFalse(sim.stopped.isEmpty());
        for (int i = 0; i < sim.decisions.size(); i++) {
            if (sim.decisions.get(i) instanceof Decision.Promote p) {
                assertEquals(TrialState.COMPLETED, sim.before.get(i).trial(p.trial()).orElseThrow().state());
            }
        }
    }

    @Test
    default void sameHistoryGivesSameDecisions() {
        Simulation a = simulate(3, t -> t % 5 == 0);
        Simulation b = simulate(3, t -> t % 5 == 0);
        assertEquals(a.decisions, b.decisions);
        // Replay: each recorded history, given again to a fresh scheduler, gives the recorded decision.
        for (int i = 0; i < a.decisions.size(); i++) {
            boolean mayStart = a.before.get(i).trials().size() < 60;
            assertEquals(a.decisions.get(i), scheduler(ladder()).next(a.before.get(i), mayStart), "decision " + i);
        }
    }

    @Test
    default void theBestTrialReachesTheTopRung() {
        Simulation sim = simulate(2, t -> false);
        var top = sim.history().trials().stream()
                .filter(t -> ladder().indexOf(t.resource()) == ladder().top() && t.state() == TrialState.COMPLETED)
                .max(Comparator.comparingDouble(TrialRecord::score));
        assertTrue(top.isPresent(), "some trial ran at the full resource");
        // Script values are ordered the same at every resource, so the best full-resource trial beats the median start.
        double median = java.util.stream.IntStream.range(0, 60).mapToDouble(t -> script(t, 1)).sorted().toArray()[30];
        assertTrue(script(top.get().number(), 1) > median, "best at the top: trial " + top.get().number());
    }
}
