package dev.quarry.search.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.search.history.TrialRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyperbandTest implements SchedulerContract {

    @Override
    public Scheduler scheduler(ResourceLadder ladder) {
        return new Hyperband(ladder);
    }

    @Test
    void bracketsStartAtDecreasingNumbersAndIncreasingResources() {
        // Ladder 1, 3, 9, 27: brackets s = 3..0 start 27 trials at 1, 12 at 3, 6 at 9, 4 at 27.
        var sim = Simulation.run(new Hyperband(SchedulerContract.ladder()), null, 1, 49, SchedulerContract::script,
                t -> false);
        List<Double> starts = sim.decisions.stream().filter(d -> d instanceof Decision.Start)
                .map(d -> ((Decision.Start) d).resource()).toList();
        assertEquals(49, starts.size());
        for (int i = 0; i < 49; i++) {
            double expected = i < 27 ? 1 : i < 39 ? 3 : i < 45 ? 9 : i < 49 ? 27 : 1;
            assertEquals(expected, starts.get(i), "start " + i);
        }
        // Bracket s = 3 with one worker: 27 at rung 0, 9 promoted to 3, 3 to 9, 1 to 27.
        long atTop = sim.history().trials().stream().filter(t -> t.number() < 27)
                .map(TrialRecord::resource).filter(r -> r == 27).count();
        assertEquals(1, atTop);
    }
}
