package dev.quarry.search.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AshaTest implements SchedulerContract {

    @Override
    public Scheduler scheduler(ResourceLadder ladder) {
        return new Asha(ladder);
    }

    static TrialRecord done(int n, double score, double resource) {
        return new TrialRecord(n, new Params("fake", Map.of()), TrialState.COMPLETED, score, 1, resource);
    }

    @Test
    void promotesAsSoonAsATrialIsInTheTopThird() {
        var trials = new ArrayList<TrialRecord>();
        var obs = new ArrayList<Observation>();
        var asha = new Asha(SchedulerContract.ladder());
        // Two trials at rung 0: floor(2/3) = 0 may be promoted, so a third one starts.
        for (int n = 0; n < 2; n++) {
            trials.add(done(n, 0.1 * n, 1));
            obs.add(new Observation(n, 1, 0.1 * n));
        }
        assertEquals(new Decision.Start(1), asha.next(new SearchHistory(Direction.MAXIMIZE, trials, obs), true));
        trials.add(done(2, 0.05, 1));
        obs.add(new Observation(2, 1, 0.05));
        // Three trials: the best (trial 1, 0.1) goes to rung 1 at once; no one waits for a full rung.
        var h = new SearchHistory(Direction.MAXIMIZE, trials, obs);
        assertEquals(new Decision.Promote(1, 3), asha.next(h, true));
        // Once it runs at rung 1 it is not promoted again from rung 0; the next start follows.
        trials.set(1, trials.get(1).with(TrialState.RUNNING, 0.1, 0, 3));
        assertEquals(new Decision.Start(1), asha.next(new SearchHistory(Direction.MAXIMIZE, trials, obs), true));
        assertEquals(new Decision.Wait(), asha.next(new SearchHistory(Direction.MAXIMIZE, trials, obs), false));
        assertTrue(asha.pruned(h, false).isEmpty(), "ASHA never prunes for good");
    }

    @Test
    void workersNeverIdle() {
        // With new trials allowed, ASHA always has something to do.
        var sim = Simulation.run(new Asha(SchedulerContract.ladder()), null, 4, 1000, SchedulerContract::script, t -> false);
        for (int i = 0; i < 200; i++) {
            assertTrue(!(new Asha(SchedulerContract.ladder()).next(sim.before.get(i), true) instanceof Decision.Wait));
        }
    }

    @Test
    void minimisingPromotesTheSmallest() {
        var trials = List.of(done(0, 3, 1), done(1, 1, 1), done(2, 2, 1));
        var obs = List.of(new Observation(0, 1, 3), new Observation(1, 1, 1), new Observation(2, 1, 2));
        assertEquals(new Decision.Promote(1, 3),
                new Asha(SchedulerContract.ladder()).next(new SearchHistory(Direction.MINIMIZE, trials, obs), true));
    }

    @Test
    void promotedTrialsAreInTheTopShareOfTheirRung() {
        // ASHA's rule is rung-wide (no brackets): at the moment of promotion, fewer than 1/η of the rung beat the trial.
        Simulation sim = simulate(2, t -> false);
        for (int i = 0; i < sim.decisions.size(); i++) {
            if (sim.decisions.get(i) instanceof Decision.Promote p) {
                int k = SchedulerContract.ladder().indexOf(p.resource()) - 1;
                double r = SchedulerContract.ladder().resource(k);
                List<Observation> rung = sim.before.get(i).observations().stream()
                        .filter(o -> SchedulerContract.ladder().indexOf(o.resource()) == k).toList();
                double own = SchedulerContract.script(p.trial(), r);
                long better = rung.stream().filter(o -> o.score() > own).count();
                assertTrue(better < rung.size() / 3.0, "trial " + p.trial() + " had " + better
                        + " better of " + rung.size() + " at rung " + k);
            }
        }
    }
}
