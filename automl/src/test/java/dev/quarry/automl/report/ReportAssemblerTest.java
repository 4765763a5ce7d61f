package dev.quarry.automl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.experiment.ExperimentLoop;
import dev.quarry.reports.model.Charts;
import dev.quarry.reports.model.Diagnostics;
import dev.quarry.reports.model.ExperimentReport;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's values from hand-made child runs whose right answers are known. */
class ReportAssemblerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static ExperimentRecord record(String metric, Direction direction) {
        return new ExperimentRecord("e-1", "e", ExperimentStatus.COMPLETED, "BINARY", metric, direction, 1,
                "{\"config\":{\"budget\":{\"maxTrials\":10,\"maxDuration\":\"PT1M\"}},\"resolved\":{\"validation\":\"3-fold\"}}",
                "d.csv", "abc", Map.of(), T0, T0.plusSeconds(30), "reached maxTrials", null, Double.NaN);
    }

    private static TrialResult trial(int n, String learner, double score, double std, String worker, int start, int end) {
        return new TrialResult("e-1", n, new Params(learner, Map.of("x", (double) n)), n, TrialState.COMPLETED, null, null,
                score, Map.of("auc", score, "auc_std", std), T0.plusSeconds(start), T0.plusSeconds(end), end - start, worker);
    }

    /** The leaderboard's latency and size columns come from the metrics child runs record (CostMetrics). */
    @Test
    void rowsCarryTheRecordedPredictLatenciesAndArtifactSize() {
        var t = new TrialResult("e-1", 0, new Params("a", Map.of()), 0, TrialState.COMPLETED, null, null, 0.8,
                Map.of("auc", 0.8, dev.quarry.runner.history.CostMetrics.PREDICT_P50_MS, 0.012,
                        dev.quarry.runner.history.CostMetrics.PREDICT_P99_MS, 0.05,
                        dev.quarry.runner.history.CostMetrics.ARTIFACT_BYTES, 4096.0), T0, T0.plusSeconds(1), 1, "w");
        var row = ReportAssembler.assemble(record("auc", Direction.MAXIMIZE), List.of(t), null, null, T0.plusSeconds(2))
                .runs().getFirst();
        assertEquals(0.012, row.predictMillis());
        assertEquals(0.05, row.predictP99Millis());
        assertEquals(4096.0, row.sizeBytes());
    }

    @Test
    void summaryLeaderboardAndChartsFollowTheRuns() {
        var trials = new ArrayList<TrialResult>(List.of(trial(0, "a", 0.70, 0.01, "w1", 0, 2), trial(1, "b", 0.80, 0.02, "w2", 0, 3),
                trial(2, "a", 0.75, 0.01, "w1", 2, 4)));
        trials.add(new TrialResult("e-1", 3, new Params("b", Map.of()), 3, TrialState.FAILED, FailureKind.TIMEOUT, "slow",
                Double.NaN, Map.of(), T0.plusSeconds(3), T0.plusSeconds(9), 0, "w2"));
        ExperimentReport r = ReportAssembler.assemble(record("auc", Direction.MAXIMIZE), trials,
                new ReportInputs(null, null, 3, "refit", 2, "the smallest model", null), null, T0.plusSeconds(40));
        assertEquals(List.of(1, 2, 0, 3), r.runs().stream().map(x -> x.trial()).toList(), "ranked, failed last");
        assertEquals(0, r.runs().get(3).rank());
        assertNull(r.runs().get(3).score());
        assertEquals(60.0, r.summary().budget().maxSeconds());
        assertEquals(10, r.summary().budget().maxTrials());
        assertEquals(30.0, r.summary().budget().usedSeconds(), 1e-9);
        assertEquals(1, r.summary().budget().failed());
        assertEquals("3-fold", r.summary().validation());
        var best = r.summary().best();
        assertEquals(1, best.trial());
        assertEquals(new dev.quarry.reports.model.Shipped(2, "a", "refit", "the smallest model"), r.summary().shipped(),
                "the shipped child run is not always the best-ranked one");
        // t(0.975, 2) = 4.302653; half width = 4.302653 * 0.02 / sqrt(3)
        assertEquals(0.80 - 4.302653 * 0.02 / Math.sqrt(3), best.ciLow(), 1e-6);
        assertEquals(0.80 + 4.302653 * 0.02 / Math.sqrt(3), best.ciHigh(), 1e-6);
        assertEquals(List.of(new Charts.BestPoint(2, 0.70, 0), new Charts.BestPoint(3, 0.80, 1)), r.charts().bestOverTime());
        assertEquals(List.of("b", "a"), r.charts().byLearner().stream().map(Charts.LearnerScores::learner).toList());
        assertEquals(List.of("w1", "w2"), r.charts().workers().stream().map(Charts.WorkerLane::worker).toList());
        assertEquals("FAILED", r.charts().workers().get(1).spans().get(1).status());
        assertNull(r.guardrails(), "absent guardrails stay absent");
    }

    @Test
    void intervalsStayWithinTheMetricsRangeAndUseTheDiagnosticsFoldScores() {
        var trials = List.of(trial(0, "a", 0.99, 0.05, "w", 0, 1));
        var d = new Diagnostics("trial 0", 0, 10, List.of(0.97, 1.0, 1.0), List.of(), null, null, null, List.of(),
                List.of(), List.of(), null);
        var r = ReportAssembler.assemble(record("accuracy", Direction.MAXIMIZE), trials,
                new ReportInputs(null, null, 3, null, null, null, d), null, T0);
        assertEquals(1.0, r.summary().best().ciHigh());
        assertEquals(3, r.summary().best().folds());
        assertEquals(d, r.diagnostics());
        var other = ReportAssembler.assemble(record("accuracy", Direction.MAXIMIZE), trials,
                new ReportInputs(null, null, 3, null, null, null, new Diagnostics("trial 7", 7, 10, List.of(), List.of(), null, null,
                        null, List.of(), List.of(), List.of(), null)), null, T0);
        assertNull(other.diagnostics(), "diagnostics of a former leader are not shown as the best model's");
    }

    @Test
    void anEnsembleLeaderListsItsMembersWithWeights() {
        var trials = new ArrayList<TrialResult>(List.of(trial(0, "a", 0.70, 0.01, "w", 0, 1), trial(1, "b", 0.72, 0.01, "w", 1, 2)));
        trials.add(new TrialResult("e-1", 2, new Params(ExperimentLoop.ENSEMBLE, Map.of("trial_0", 1, "trial_1", 3)), 1,
                TrialState.COMPLETED, null, null, 0.75, Map.of("auc", 0.75), T0.plusSeconds(3), T0.plusSeconds(3), 0,
                "coordinator"));
        var r = ReportAssembler.assemble(record("auc", Direction.MAXIMIZE), trials, null, null, T0);
        assertEquals(ReportAssembler.ENSEMBLE, ExperimentLoop.ENSEMBLE);
        assertEquals(ReportAssembler.STACKING, ExperimentLoop.STACKING);
        assertEquals(ReportAssembler.BEST_OF_FAMILY, ExperimentLoop.BEST_OF_FAMILY);
        assertEquals(2, r.ensemble().size());
        assertEquals(1, r.ensemble().get(0).trial());
        assertEquals(0.75, r.ensemble().get(0).weight(), 1e-12);
        assertEquals("b", r.ensemble().get(0).learner());
        assertTrue(r.charts().workers().stream().noneMatch(w -> w.worker().equals("coordinator")));
    }

    @Test
    void influenceIsOneForAMonotoneParamAndForSeparatedCategories() {
        assertEquals(1, ParamInfluence.spearman(new double[] {1, 10, 100, 1000}, new double[] {0.1, 0.2, 0.25, 0.9}), 1e-12);
        assertEquals(1, ParamInfluence.etaSquared(List.of("g", "g", "e", "e"), new double[] {0.5, 0.5, 0.9, 0.9}), 1e-12);
        assertEquals(0, ParamInfluence.etaSquared(List.of("g", "e", "g", "e"), new double[] {0.5, 0.5, 0.9, 0.9}), 1e-12);
        assertEquals(List.of(1.5, 1.5, 3.0), java.util.Arrays.stream(ParamInfluence.ranks(new double[] {2, 2, 5})).boxed().toList());
    }
}
