package dev.quarry.runner.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static TrialResult r(int n, TrialState state, double score, long millis) {
        return new TrialResult("e", n, new Params("l", Map.of("n", n)), 0, state,
                state == TrialState.FAILED ? FailureKind.TIMEOUT : null, null, score, Map.of(), T0,
                T0.plusMillis(millis), 0, "local-1");
    }

    @Test
    void mapsEveryRunInNumberOrderWithItsDurationAsCost() {
        SearchHistory h = RunHistory.toSearchHistory(Direction.MINIMIZE, List.of(r(2, TrialState.RUNNING, Double.NaN, 0),
                r(0, TrialState.COMPLETED, 0.3, 1500), r(1, TrialState.FAILED, Double.NaN, 250),
                r(3, TrialState.PRUNED, 0.2, 2)));
        assertEquals(Direction.MINIMIZE, h.direction());
        assertEquals(List.of(new TrialRecord(0, new Params("l", Map.of("n", 0)), TrialState.COMPLETED, 0.3, 1.5),
                new TrialRecord(1, new Params("l", Map.of("n", 1)), TrialState.FAILED, Double.NaN, 0.25),
                new TrialRecord(2, new Params("l", Map.of("n", 2)), TrialState.RUNNING, Double.NaN, 0),
                new TrialRecord(3, new Params("l", Map.of("n", 3)), TrialState.PRUNED, 0.2, 0.002)), h.trials());
        assertEquals(1, h.running().size());
        assertEquals(3, h.best().orElseThrow().number());
        assertEquals(4, h.nextNumber());
    }

    @Test
    void aCompletedRunWithoutAScoreCountsAsFailed() {
        SearchHistory h = RunHistory.toSearchHistory(Direction.MAXIMIZE, List.of(r(0, TrialState.COMPLETED, Double.NaN, 10)));
        assertEquals(TrialState.FAILED, h.trials().getFirst().state());
        assertEquals(List.of(), h.scored());
    }

    @Test
    void rejectsTwoRunsWithOneNumber() {
        var e = assertThrows(IllegalArgumentException.class, () -> RunHistory.toSearchHistory(Direction.MAXIMIZE,
                List.of(r(4, TrialState.COMPLETED, 0.1, 1), r(4, TrialState.COMPLETED, 0.2, 1))));
        assertEquals("trial numbers must be unique within a history, got 4 twice", e.getMessage());
    }
}
