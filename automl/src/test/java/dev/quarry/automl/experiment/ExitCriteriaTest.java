package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitCriteriaTest {

    private static int number;

    private static TrialResult done(double score) {
        return new TrialResult("e", number++, new Params("l", Map.of()), 0, TrialState.COMPLETED, null, null, score,
                Map.of(), Instant.EPOCH, Instant.EPOCH, 1, "w");
    }

    private static TrialResult failed() {
        return new TrialResult("e", number++, new Params("l", Map.of()), 0, TrialState.FAILED, FailureKind.LEARNER_ERROR,
                "boom", Double.NaN, Map.of(), Instant.EPOCH, Instant.EPOCH, 0, "w");
    }

    @Test
    void exitScoreStopsOnceReachedInTheMetricsDirection() {
        var max = new ExitCriteria(Direction.MAXIMIZE, null, 0.9, null);
        assertTrue(max.record(done(0.8)));
        assertEquals(Optional.empty(), max.check());
        max.record(done(0.9));
        assertEquals(Optional.of(StopReason.EXIT_SCORE), max.check(), "reaching the score exactly counts");

        var min = new ExitCriteria(Direction.MINIMIZE, null, 2.0, null);
        min.record(done(2.5));
        assertEquals(Optional.empty(), min.check());
        min.record(done(1.9));
        assertEquals(Optional.of(StopReason.EXIT_SCORE), min.check());
    }

    @Test
    void maxTrialsCountsFailuresToo() {
        var c = new ExitCriteria(Direction.MAXIMIZE, 2, null, null);
        c.record(failed());
        assertEquals(Optional.empty(), c.check());
        c.record(done(0.1));
        assertEquals(Optional.of(StopReason.MAX_TRIALS), c.check());
    }

    @Test
    void stagnationCountsTrialsSinceTheLastImprovement() {
        var c = new ExitCriteria(Direction.MAXIMIZE, null, null, 3);
        c.record(done(0.5));
        c.record(done(0.4));
        c.record(done(0.5)); // a tie is not an improvement
        assertEquals(Optional.empty(), c.check());
        assertTrue(c.record(done(0.6)), "an improvement resets the count");
        c.record(failed());
        c.record(done(0.1));
        assertEquals(Optional.empty(), c.check());
        c.record(done(0.2));
        assertEquals(Optional.of(StopReason.STAGNATION), c.check());
    }

    @Test
    void consecutiveFailuresGiveUpAndASuccessResetsThem() {
        var c = new ExitCriteria(Direction.MAXIMIZE, null, null, null);
        for (int i = 0; i < ExitCriteria.MAX_CONSECUTIVE_FAILURES - 1; i++) {
            c.record(failed());
        }
        c.record(done(0.1));
        c.record(failed());
        assertEquals(Optional.empty(), c.check());
        for (int i = 0; i < ExitCriteria.MAX_CONSECUTIVE_FAILURES; i++) {
            c.record(failed());
        }
        assertEquals(Optional.of(StopReason.TOO_MANY_FAILURES), c.check());
    }

    @Test
    void refitReserveScalesTheBestFoldFitToAllRowsAndIsCapped() {
        Duration budget = Duration.ofSeconds(60);
        // Before any trial: 2 s + 5% of 60 s = 5 s.
        assertEquals(Duration.ofSeconds(5), ExitCriteria.refitReserve(budget, Double.NaN, 5, 0.8));
        // 10 s over 5 folds = 2 s per fold on 80% of rows: 1 + 1.5 * 2 / 0.8 = 4.75 s.
        assertEquals(Duration.ofMillis(4750), ExitCriteria.refitReserve(budget, 10, 5, 0.8));
        // Whether to start a refit: the same scaling without the safety factor, 2 / 0.8 = 2.5 s.
        assertEquals(2.5, ExitCriteria.expectedRefitSeconds(10, 5, 0.8), 1e-12);
        // Never more than half the budget.
        assertEquals(Duration.ofSeconds(30), ExitCriteria.refitReserve(budget, 500, 5, 0.8));
        assertFalse(ExitCriteria.past(Instant.EPOCH, null));
        assertTrue(ExitCriteria.past(Instant.EPOCH, Instant.EPOCH));
    }

    @Test
    void ensembleRefitReserveScalesEveryKeptTrialsFoldFitAndIsCappedAtATenth() {
        Duration budget = Duration.ofSeconds(60);
        // Kept trials with 4 s of fits in all over 5 folds on 80% of rows: 1 + 1.5 * 0.8 / 0.8 = 2.5 s.
        assertEquals(Duration.ofMillis(2500), ExitCriteria.ensembleRefitReserve(budget, 4, 5, 0.8));
        // Never more than a tenth of the budget.
        assertEquals(Duration.ofSeconds(6), ExitCriteria.ensembleRefitReserve(budget, 100, 5, 0.8));
    }

    @Test
    void withEnsemblesTheFinalFitReserveIsAtMostATenthEvenForASlowBestTrial() {
        Duration budget = Duration.ofSeconds(120);
        // A best trial of 22.6 s on one fold of 90% of the rows: 1 + 1.5 * 22.6 / 0.9 = 38.7 s alone.
        assertEquals(Duration.ofMillis(38_666), ExitCriteria.finalFitReserve(budget, 22.6, 30, 1, 0.9, false));
        assertEquals(Duration.ofSeconds(13), ExitCriteria.finalFitReserve(budget, 22.6, 30, 1, 0.9, true),
                "with ensembles: a tenth and the fixed second; a refit that cannot finish ships the fold models");
        assertEquals(1187, ExitCriteria.finalFitReserve(Duration.ofSeconds(4), 0.5, 0.6, 5, 0.8, true).toMillis(), 1,
                "a short budget keeps the best trial's refit with its fixed second (1 + 1.5 * 0.1 / 0.8 s), under the "
                        + "cap of 0.4 + 1 s");
        // Small trials: the longer of the best trial's refit (1 + 1.5 * 2 / 0.8 = 4.75 s) and the kept trials' (2.5 s).
        assertEquals(Duration.ofMillis(4750), ExitCriteria.finalFitReserve(budget, 10, 4, 5, 0.8, true));
        assertEquals(5500, ExitCriteria.finalFitReserve(budget, 4, 12, 5, 0.8, true).toMillis(), 1, "kept trials' 1 + 4.5 s");
    }

    @Test
    void ensembleReserveCoversTheLatencyProbeAndGrowsWithRoundsCandidatesAndRows() {
        Duration minute = Duration.ofMinutes(1);
        assertEquals(Duration.ofMillis(200), ExitCriteria.ensembleReserve(minute, 8, 20, 0, 5));
        // 8 candidates x 20 rounds x 20,000 validation rows x 100 ns = 0.32 s per selection: once on
        // all folds, then once per nesting unit (3 folds; a holdout is cut into 5 parts)
        assertEquals(Duration.ofMillis(1480), ExitCriteria.ensembleReserve(minute, 8, 20, 20_000, 3));
        assertEquals(Duration.ofMillis(2120), ExitCriteria.ensembleReserve(minute, 8, 20, 20_000, 1));
        assertEquals(Duration.ofMillis(150), ExitCriteria.ensembleReserve(Duration.ofSeconds(3), 8, 20, 20_000, 3),
                "at most 5% of a tiny budget");
    }

    @Test
    void theEnsemblePoolIsTrimmedToWhatItsReserveAffords() {
        Duration budget = Duration.ofMinutes(2);
        Duration cap = Duration.ofSeconds(6);
        // a 45,000-row holdout: selection on it and on 5 parts, 20 rounds, 0.54 s per candidate, 5.8 s of room
        int n = ExitCriteria.affordableCandidates(budget, 20, 45_000, 1);
        assertEquals(10, n);
        Duration uncapped = Duration.ofDays(1);
        assertTrue(ExitCriteria.ensembleReserve(uncapped, n, 20, 45_000, 1).compareTo(cap) <= 0, "n fits the cap");
        assertTrue(ExitCriteria.ensembleReserve(uncapped, n + 1, 20, 45_000, 1).compareTo(cap) > 0, "n + 1 does not");
        assertTrue(ExitCriteria.affordableCandidates(budget, 20, 3_600, 5) > 18, "small data: the whole pool fits");
        assertEquals(0, ExitCriteria.affordableCandidates(Duration.ofSeconds(2), 20, 1_000_000, 1), "no room at all");
    }
}
