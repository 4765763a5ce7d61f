package dev.quarry.runner.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderboardTest {

    private static TrialResult r(int n, TrialState state, double score) {
        return new TrialResult("e", n, new Params("l", Map.of()), 0, state,
                state == TrialState.FAILED ? FailureKind.LEARNER_ERROR : null, null, score, Map.of(), Instant.EPOCH,
                Instant.EPOCH, 0, "w");
    }

    private static final List<TrialResult> TRIALS = List.of(r(0, TrialState.COMPLETED, 0.5), r(1, TrialState.FAILED, Double.NaN),
            r(2, TrialState.COMPLETED, 0.9), r(3, TrialState.PRUNED, 0.95), r(4, TrialState.COMPLETED, 0.5),
            r(5, TrialState.RUNNING, Double.NaN));

    private static List<Integer> order(Leaderboard b) {
        return b.entries().stream().map(e -> e.trial().number()).toList();
    }

    @Test
    void ranksCompletedThenPrunedThenUnrankedInBothDirections() {
        var max = Leaderboard.of("e", "auc", Direction.MAXIMIZE, TRIALS);
        assertEquals(List.of(2, 0, 4, 3, 1, 5), order(max), "ties go to the lower trial number");
        assertEquals(List.of(1, 2, 3, 4, 0, 0), max.entries().stream().map(LeaderboardEntry::rank).toList());
        assertEquals(2, max.best().orElseThrow().trial().number());
        var min = Leaderboard.of("e", "rmse", Direction.MINIMIZE, TRIALS);
        assertEquals(List.of(0, 4, 2, 3, 1, 5), order(min));
        assertEquals(2, min.top(2).size());
    }

    @Test
    void noCompletedRunMeansNoBest() {
        var b = Leaderboard.of("e", "auc", Direction.MAXIMIZE, List.of(r(0, TrialState.FAILED, Double.NaN)));
        assertEquals(true, b.best().isEmpty());
        assertEquals(0, b.top(10).size());
    }
}
