package dev.quarry.runner.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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
    void inputOrderDoesNotMatter() {
        var shuffled = new ArrayList<>(TRIALS);
        Collections.shuffle(shuffled, new Random(7));
        assertEquals(Leaderboard.of("e", "auc", Direction.MAXIMIZE, TRIALS),
                Leaderboard.of("e", "auc", Direction.MAXIMIZE, shuffled));
    }

    @Test
    void prunedRunsRankAfterEveryCompletedOneEvenWhenTheyScoreBetter() {
        var trials = List.of(r(0, TrialState.PRUNED, 0.10), r(1, TrialState.PRUNED, 0.30), r(2, TrialState.COMPLETED, 0.90),
                r(3, TrialState.FAILED, Double.NaN), r(4, TrialState.PRUNED, 0.10), r(5, TrialState.COMPLETED, 0.20));
        var min = Leaderboard.of("e", "rmse", Direction.MINIMIZE, trials);
        assertEquals(List.of(5, 2, 0, 4, 1, 3), order(min), "pruned ties go to the lower number too");
        assertEquals(List.of(1, 2, 3, 4, 5, 0), min.entries().stream().map(LeaderboardEntry::rank).toList());
        assertEquals(5, min.best().orElseThrow().trial().number());
        assertEquals(List.of(5, 2, 0), min.top(3).stream().map(e -> e.trial().number()).toList());
        assertEquals(5, min.top(100).size(), "top never returns unranked runs");
        var max = Leaderboard.of("e", "r2", Direction.MAXIMIZE, trials);
        assertEquals(List.of(2, 5, 1, 0, 4, 3), order(max));
    }

    @Test
    void failedAndRunningRunsAreUnrankedInNumberOrder() {
        var trials = List.of(r(9, TrialState.RUNNING, Double.NaN), r(3, TrialState.FAILED, Double.NaN),
                r(1, TrialState.COMPLETED, 0.4), r(7, TrialState.FAILED, Double.NaN));
        var b = Leaderboard.of("e", "auc", Direction.MAXIMIZE, trials);
        assertEquals(List.of(1, 3, 7, 9), order(b));
        assertEquals(List.of(1, 0, 0, 0), b.entries().stream().map(LeaderboardEntry::rank).toList());
        assertEquals(FailureKind.LEARNER_ERROR, b.entries().get(1).trial().failure());
        assertEquals(1, b.top(10).size());
    }

    @Test
    void onlyPrunedRunsRankButNoneIsBest() {
        var b = Leaderboard.of("e", "auc", Direction.MAXIMIZE, List.of(r(0, TrialState.PRUNED, 0.7)));
        assertEquals(1, b.top(1).getFirst().rank());
        assertTrue(b.best().isEmpty(), "best is a COMPLETED run: a pruned one never saw its full budget");
    }

    @Test
    void noCompletedRunMeansNoBest() {
        var b = Leaderboard.of("e", "auc", Direction.MAXIMIZE, List.of(r(0, TrialState.FAILED, Double.NaN)));
        assertEquals(true, b.best().isEmpty());
        assertEquals(0, b.top(10).size());
    }
}
