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
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingTest implements SchedulerContract {

    @Override
    public Scheduler scheduler(ResourceLadder ladder) {
        return SuccessiveHalving.of(ladder);
    }

    @Test
    void aRungIsDecidedOnlyWhenTheWholeBracketHasFinishedThere() {
        var sh = new SuccessiveHalving(new ResourceLadder(1, 9, 3), 6);
        var trials = new ArrayList<TrialRecord>();
        var obs = new ArrayList<Observation>();
        double[] scores = {0.5, 0.9, 0.1, 0.7, 0.3, 0.2};
        for (int n = 0; n < 5; n++) {
            trials.add(new TrialRecord(n, new Params("f", Map.of()), TrialState.COMPLETED, scores[n], 1, 1));
            obs.add(new Observation(n, 1, scores[n]));
        }
        // Five of six started: no promotion yet, the sixth starts.
        assertEquals(new Decision.Start(1), sh.next(new SearchHistory(Direction.MAXIMIZE, trials, obs), true));
        trials.add(new TrialRecord(5, new Params("f", Map.of()), TrialState.RUNNING, Double.NaN, 0, 1));
        // The sixth is running: still undecided; the next bracket's first trial starts.
        var h = new SearchHistory(Direction.MAXIMIZE, trials, obs);
        assertEquals(new Decision.Start(1), sh.next(h, true));
        assertEquals(Set.of(), sh.pruned(h, true));
        trials.set(5, trials.get(5).with(TrialState.COMPLETED, scores[5], 1, 1));
        obs.add(new Observation(5, 1, scores[5]));
        h = new SearchHistory(Direction.MAXIMIZE, trials, obs);
        // Decided: floor(6/3) = 2 promoted, best first: trial 1 (0.9), then trial 3 (0.7); the other four pruned.
        assertEquals(new Decision.Promote(1, 3), sh.next(h, true));
        assertEquals(Set.of(0, 2, 4, 5), sh.pruned(h, true));
        trials.set(1, trials.get(1).with(TrialState.RUNNING, 0.9, 0, 3));
        assertEquals(new Decision.Promote(3, 3), sh.next(new SearchHistory(Direction.MAXIMIZE, trials, obs), true));
    }

    @Test
    void aPartBracketIsDecidedOnceNoTrialMayStart() {
        var sh = new SuccessiveHalving(new ResourceLadder(1, 9, 3), 9);
        var trials = new ArrayList<TrialRecord>();
        var obs = new ArrayList<Observation>();
        for (int n = 0; n < 4; n++) {
            trials.add(new TrialRecord(n, new Params("f", Map.of()), TrialState.COMPLETED, n, 1, 1));
            obs.add(new Observation(n, 1, n));
        }
        var h = new SearchHistory(Direction.MAXIMIZE, trials, obs);
        assertEquals(new Decision.Start(1), sh.next(h, true));
        assertEquals(new Decision.Promote(3, 3), sh.next(h, false), "floor(4/3) = 1: the best goes on");
        assertTrue(sh.pruned(h, false).containsAll(List.of(0, 1, 2)));
    }
}
