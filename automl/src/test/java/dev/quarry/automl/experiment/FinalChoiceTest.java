package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.automl.config.BudgetConfig;
import dev.quarry.runner.history.CostMetrics;
import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped model under maxPredictLatency, preferSmallerModels and the write deadline, on a hand-made leaderboard. */
class FinalChoiceTest {

    private static TrialResult trial(int n, double auc, double std, double p99, double bytes) {
        Instant t = Instant.EPOCH;
        return new TrialResult("e", n, new Params("l" + n, Map.of()), 1, TrialState.COMPLETED, null, null, auc,
                Map.of("auc", auc, "auc_std", std, CostMetrics.PREDICT_P50_MS, p99 / 2, CostMetrics.PREDICT_P99_MS, p99,
                        CostMetrics.ARTIFACT_BYTES, bytes), t, t, 1, "w");
    }

    // 4 folds: one standard error of trial 0 is 0.04 / 2 = 0.02
    private static final Leaderboard BOARD = Leaderboard.of("e", "auc", Direction.MAXIMIZE, List.of(
            trial(0, 0.90, 0.04, 5.0, 900_000), trial(1, 0.89, 0.01, 0.5, 50_000), trial(2, 0.885, 0.01, 0.2, 5_000),
            trial(3, 0.70, 0.01, 0.1, 1_000)));

    private static BudgetConfig budget(Duration latency, Boolean smaller) {
        return new BudgetConfig(10, null, null, null, null, latency, smaller);
    }

    @Test
    void withoutOptionsTheBestScoreIsShipped() {
        var c = FinalChoice.choose(BOARD, budget(null, null), 4).orElseThrow();
        assertEquals(0, c.entry().trial().number());
        assertEquals("the best score; trial 2 (l2) scores within one standard error (0.0200) at 1/180 of the size "
                + "(5.0 kB against 900.0 kB): budget.preferSmallerModels ships it", c.reason());
    }

    @Test
    void aLighterModelWithinNoiseIsNamedOnlyWhenTenTimesSmaller() {
        var board = Leaderboard.of("e", "auc", Direction.MAXIMIZE, List.of(
                trial(0, 0.90, 0.04, 5.0, 900_000), trial(1, 0.89, 0.01, 0.5, 100_000), trial(2, 0.70, 0.01, 0.1, 1_000)));
        assertEquals("the best score", FinalChoice.choose(board, budget(null, null), 4).orElseThrow().reason(),
                "9 times larger: not mentioned; 0.70 is outside one standard error");
        assertEquals("the best score", FinalChoice.choose(BOARD, budget(null, null), 1).orElseThrow().reason(),
                "a holdout has no spread: nothing is within noise");
    }

    @Test
    void maxPredictLatencyPassesOverSlowModels() {
        var c = FinalChoice.choose(BOARD, budget(Duration.ofMillis(1), null), 4).orElseThrow();
        assertEquals(1, c.entry().trial().number());
        assertEquals("the best score, among the 3 of 4 child runs within maxPredictLatency 1.000 ms", c.reason());
        var none = FinalChoice.choose(BOARD, budget(Duration.ofNanos(50_000), null), 4).orElseThrow();
        assertEquals(3, none.entry().trial().number(), "nothing is fast enough: the fastest");
    }

    @Test
    void preferSmallerModelsTakesTheSmallestWithinOneStandardError() {
        var c = FinalChoice.choose(BOARD, budget(null, true), 4).orElseThrow();
        assertEquals(2, c.entry().trial().number(), "0.885 is within 0.02 of 0.90; 0.70 is not");
        assertEquals("the smallest model (5000 bytes) scoring within one standard error (0.0200) of the best", c.reason());
        var single = FinalChoice.choose(BOARD, budget(null, true), 1).orElseThrow();
        assertEquals(0, single.entry().trial().number(), "a holdout has no spread: only the best");
    }

    @Test
    void modelsThatCannotBeWrittenBeforeTheDeadlineArePassedOver() {
        var c = FinalChoice.choose(BOARD, budget(null, null), 4, java.util.OptionalDouble.empty(),
                e -> e.trial().number() != 0).orElseThrow();
        assertEquals(1, c.entry().trial().number(), "the best that can still be written");
        assertEquals("the best score, passing over 1 child runs whose models could not be written before the deadline; "
                + "trial 2 (l2) scores within one standard error (0.0050) at 1/10 of the size (5.0 kB against 50.0 kB): "
                + "budget.preferSmallerModels ships it", c.reason());
        var none = FinalChoice.choose(BOARD, budget(null, null), 4, java.util.OptionalDouble.empty(), e -> false)
                .orElseThrow();
        assertEquals(0, none.entry().trial().number(), "nothing can be written in time: chosen as without the deadline");
    }

    private static TrialResult run(int n, String learner, double auc) {
        Instant t = Instant.EPOCH;
        return new TrialResult("e", n, new Params(learner, Map.of()), 1, TrialState.COMPLETED, null, null, auc,
                Map.of("auc", auc, "auc_std", 0.01, CostMetrics.PREDICT_P99_MS, 1.0, CostMetrics.ARTIFACT_BYTES, 10.0),
                t, t, 1, "w");
    }

    @Test
    void singleConfigurationsAreComparedAtTheNestedEstimateOfShippingTheBest() {
        var board = Leaderboard.of("e", "auc", Direction.MAXIMIZE, List.of(run(0, "smile.rf", 0.90),
                run(1, "smile.gbm", 0.89), run(2, ExperimentLoop.ENSEMBLE, 0.895)));
        var noEstimate = FinalChoice.choose(board, budget(null, null), 4).orElseThrow();
        assertEquals(0, noEstimate.entry().trial().number());
        // picking the best single configuration scores 0.88 when nested: the single trials' 0.90 and
        // 0.89 are worth 0.88 and 0.87 next to the ensemble's nested 0.895
        var c = FinalChoice.choose(board, budget(null, null), 4, java.util.OptionalDouble.of(0.88), e -> true).orElseThrow();
        assertEquals(2, c.entry().trial().number());
        assertEquals("the best estimated score (single configurations are compared at their nested estimate: "
                + "shipping the best one scores auc 0.8800 by nested selection, not its 0.9000)", c.reason());
        var close = FinalChoice.choose(board, budget(null, null), 4, java.util.OptionalDouble.of(0.899), e -> true).orElseThrow();
        assertEquals(0, close.entry().trial().number(), "0.90 - 0.001 still beats 0.895");
        var better = FinalChoice.choose(board, budget(null, null), 4, java.util.OptionalDouble.of(0.95), e -> true).orElseThrow();
        assertEquals(0, better.entry().trial().number(), "an estimate above the trial's own score never helps it");
        assertEquals("the best score", better.reason());
    }
}
