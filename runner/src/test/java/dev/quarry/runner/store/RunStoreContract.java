package dev.quarry.runner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every run store must do. Implementations supply fresh stores; {@link #reopen} reads the same data anew. */
public interface RunStoreContract {

    /** @return an empty store */
    RunStore store();

    /**
     * @param store a store from {@link #store()}
     * @return another instance over the same data (as another process would see it)
     */
    RunStore reopen(RunStore store);

    Instant T0 = Instant.parse("2026-11-22T10:00:00.123456789Z");
    Params PARAMS = new Params("smile.random_forest", Map.of("trees", 200, "shrinkage", 0.05, "rule", "gini", "tiny", 1.0e-7));

    static ExperimentRecord experiment(String id) {
        return new ExperimentRecord(id, "credit", ExperimentStatus.RUNNING, "BINARY", "auc", Direction.MAXIMIZE, 42,
                "{\"a\":1}", "data.csv", "abc", Map.of("smile", "6.2.5"), T0, null, null, null, Double.NaN);
    }

    static TrialResult completed(String exp, int n, double score) {
        return new TrialResult(exp, n, PARAMS, 7, TrialState.COMPLETED, null, null, score, Map.of("auc", score, "accuracy", 0.5),
                T0, T0.plusMillis(1500), 1.25, "local-1");
    }

    @Test
    default void experimentsRoundTripAndFinish() {
        try (RunStore s = store()) {
            s.createExperiment(experiment("e1"));
            assertThrows(IllegalStateException.class, () -> s.createExperiment(experiment("e1")));
            assertEquals(experiment("e1"), s.experiment("e1").orElseThrow());
            s.finishExperiment("e1", ExperimentStatus.COMPLETED, "time budget used", T0.plusSeconds(60), 3, 0.8);
            var e = s.experiment("e1").orElseThrow();
            assertEquals(ExperimentStatus.COMPLETED, e.status());
            assertEquals("time budget used", e.stopReason());
            assertEquals(3, e.bestTrial());
            assertEquals(0.8, e.bestScore());
            assertTrue(s.experiment("nope").isEmpty());
        }
    }

    @Test
    default void anInterruptedExperimentIsReopenedAsRunning() {
        try (RunStore s = store()) {
            s.createExperiment(experiment("e1"));
            s.trialFinished(completed("e1", 0, 0.7));
            s.finishExperiment("e1", ExperimentStatus.INTERRUPTED, "its process died", T0.plusSeconds(60), 0, 0.7);
            assertEquals(ExperimentStatus.INTERRUPTED, s.experiment("e1").orElseThrow().status());
            s.reopenExperiment("e1");
            try (RunStore again = reopen(s)) {
                var e = again.experiment("e1").orElseThrow();
                assertEquals(ExperimentStatus.RUNNING, e.status());
                assertEquals(null, e.stopReason());
                assertEquals(null, e.finished());
                assertEquals(null, e.bestTrial());
                assertTrue(Double.isNaN(e.bestScore()), "no best until it finishes anew: " + e.bestScore());
                assertEquals(1, again.trials("e1").size(), "child runs untouched");
            }
        }
    }

    @Test
    default void observationsComeBackInRecordedOrderPerExperiment() {
        try (RunStore s = store()) {
            s.createExperiment(experiment("a"));
            s.createExperiment(experiment("b"));
            var first = new dev.quarry.search.history.Observation(1, 1 / 9.0, 0.7);
            var second = new dev.quarry.search.history.Observation(0, 1 / 9.0, Double.NaN);
            var third = new dev.quarry.search.history.Observation(1, 1 / 3.0, 0.75);
            s.observed("a", first);
            s.observed("b", third);
            s.observed("a", second);
            s.observed("a", third);
            try (RunStore again = reopen(s)) {
                assertEquals(List.of(first, second, third), again.observations("a"), "order, NaN and exact resources kept");
                assertEquals(List.of(third), again.observations("b"));
                assertEquals(List.of(), again.observations("none"));
            }
        }
    }

    @Test
    default void rungRunsComeBackInDecisionOrderWithTheEndsOfTheLatestRunPerTrial() {
        try (RunStore s = store()) {
            s.createExperiment(experiment("a"));
            s.createExperiment(experiment("b"));
            var p0 = new dev.quarry.search.space.Params("smile.random_forest", java.util.Map.of("trees", 100, "mtry", 0.5));
            var p1 = new dev.quarry.search.space.Params("smile.decision_tree", java.util.Map.of("maxDepth", 7));
            s.rungStarted("a", 0, 1 / 9.0, p0);
            s.rungStarted("a", 1, 1 / 9.0, p1);
            s.rungStarted("b", 0, 1 / 3.0, p1);
            s.rungFinished("a", 0, 2.5, 2.0);
            s.rungStarted("a", 0, 1 / 3.0, p0);
            s.rungFinished("a", 0, 4.5, 4.0);
            try (RunStore again = reopen(s)) {
                assertEquals(List.of(new dev.quarry.runner.store.RungRun(0, 1 / 9.0, p0, 2.5, 2.0),
                        new dev.quarry.runner.store.RungRun(1, 1 / 9.0, p1, Double.NaN, Double.NaN),
                        new dev.quarry.runner.store.RungRun(0, 1 / 3.0, p0, 4.5, 4.0)), again.rungRuns("a"),
                        "order, params (typed), unfinished runs and the latest run's end kept");
                assertEquals(1, again.rungRuns("b").size());
                assertEquals(List.of(), again.rungRuns("none"));
            }
        }
    }

    @Test
    default void startedThenFinishedKeepsTypesTimesAndScores() {
        try (RunStore s = store()) {
            s.createExperiment(experiment("e"));
            s.trialStarted("e", 0, PARAMS, 7, T0, "local-1");
            TrialResult running = s.trials("e").getFirst();
            assertEquals(TrialState.RUNNING, running.state());
            assertTrue(Double.isNaN(running.score()));
            s.trialFinished(completed("e", 0, 0.75));
            assertEquals(List.of(completed("e", 0, 0.75)), s.trials("e"), "params keep Integer/Double/String, instants keep nanos");
            assertEquals(Integer.class, s.trials("e").getFirst().params().values().get("trees").getClass());
            assertEquals(Double.class, s.trials("e").getFirst().params().values().get("tiny").getClass());
        }
    }

    @Test
    default void finishedWithoutStartAndDuplicatesKeepTheFirstResult() {
        try (RunStore s = store()) {
            s.createExperiment(experiment("e"));
            s.trialFinished(completed("e", 4, 0.6));
            s.trialFinished(completed("e", 4, 0.9));
            s.trialStarted("e", 4, PARAMS, 7, T0, "local-2");
            assertEquals(List.of(completed("e", 4, 0.6)), s.trials("e"));
        }
    }

    @Test
    default void failuresKeepKindAndErrorAndNaN() {
        try (RunStore s = store()) {
            s.createExperiment(experiment("e"));
            var failed = new TrialResult("e", 1, PARAMS, 7, TrialState.FAILED, FailureKind.TIMEOUT, "ran past 10s", Double.NaN,
                    Map.of(), T0, T0.plusSeconds(10), 0, "local-1");
            s.trialFinished(failed);
            TrialResult back = s.trials("e").getFirst();
            assertEquals(FailureKind.TIMEOUT, back.failure());
            assertEquals("ran past 10s", back.error());
            assertTrue(Double.isNaN(back.score()));
            assertNull(s.experiment("e").orElseThrow().finished());
        }
    }

    @Test
    default void trialsComeInNumberOrderPerExperiment() {
        try (RunStore s = store()) {
            s.createExperiment(experiment("a"));
            s.createExperiment(experiment("b"));
            s.trialFinished(completed("a", 2, 0.1));
            s.trialFinished(completed("b", 0, 0.2));
            s.trialFinished(completed("a", 0, 0.3));
            assertEquals(List.of(0, 2), s.trials("a").stream().map(TrialResult::number).toList());
            assertEquals(2, s.experiments().size());
        }
    }

    @Test
    default void paramsComeBackAsTheTypesTheyWereWrittenWith() {
        var values = new java.util.TreeMap<String, Object>();
        values.put("wholeDouble", 3.0);
        values.put("negativeZero", -0.0);
        values.put("huge", 1.0e300);
        values.put("maxInt", Integer.MAX_VALUE);
        values.put("minInt", Integer.MIN_VALUE);
        values.put("zeroInt", 0);
        values.put("notANumber", Double.NaN);
        values.put("infinite", Double.NEGATIVE_INFINITY);
        values.put("digits", "42");
        values.put("quoted", "say \"hi\"\n");
        var params = new Params("smile.gbm", values);
        try (RunStore s = store()) {
            s.createExperiment(experiment("e"));
            s.trialStarted("e", 0, params, 1, T0, "local-1");
            Params running = s.trials("e").getFirst().params();
            s.trialFinished(new TrialResult("e", 1, params, 1, TrialState.COMPLETED, null, null, 0.5,
                    Map.of("auc", 0.5, "logLoss", Double.NaN), T0, T0, 0, "local-1"));
            TrialResult finished = s.trials("e").get(1);
            for (Params back : List.of(running, finished.params())) {
                assertEquals(params, back);
                for (var e : values.entrySet()) {
                    assertEquals(e.getValue().getClass(), back.values().get(e.getKey()).getClass(), e.getKey());
                }
                assertEquals(Double.doubleToRawLongBits(-0.0),
                        Double.doubleToRawLongBits((Double) back.values().get("negativeZero")));
            }
            assertTrue(finished.metrics().get("logLoss").isNaN());
        }
    }

    @Test
    default void experimentsComeNewestFirst() {
        try (RunStore s = store()) {
            // fraction lengths differ on purpose: their ISO text does not sort in time order
            s.createExperiment(withCreated("old", Instant.parse("2026-11-22T10:00:00Z")));
            s.createExperiment(withCreated("newest", Instant.parse("2026-11-22T10:00:01Z")));
            s.createExperiment(withCreated("middle", Instant.parse("2026-11-22T10:00:00.5Z")));
            s.createExperiment(withCreated("oldest", Instant.parse("2026-11-21T23:59:59.999999999Z")));
            assertEquals(List.of("newest", "middle", "old", "oldest"),
                    s.experiments().stream().map(ExperimentRecord::id).toList());
            assertEquals(Instant.parse("2026-11-21T23:59:59.999999999Z"), s.experiment("oldest").orElseThrow().created());
        }
    }

    private static ExperimentRecord withCreated(String id, Instant created) {
        var e = experiment(id);
        return new ExperimentRecord(id, e.name(), e.status(), e.task(), e.metric(), e.direction(), e.seed(), e.configJson(),
                e.dataset(), e.datasetHash(), e.libraryVersions(), created, null, null, null, Double.NaN);
    }

    @Test
    default void anotherInstanceSeesEachWriteOnceItReturns() {
        try (RunStore writer = store(); RunStore reader = reopen(writer)) {
            writer.createExperiment(experiment("e"));
            assertEquals(experiment("e"), reader.experiment("e").orElseThrow());
            writer.trialStarted("e", 0, PARAMS, 7, T0, "local-1");
            assertEquals(TrialState.RUNNING, reader.trials("e").getFirst().state());
            writer.trialFinished(completed("e", 0, 0.75));
            assertEquals(List.of(completed("e", 0, 0.75)), reader.trials("e"));
            writer.finishExperiment("e", ExperimentStatus.COMPLETED, "done", T0.plusSeconds(5), 0, 0.75);
            assertEquals(ExperimentStatus.COMPLETED, reader.experiment("e").orElseThrow().status());
        }
    }

    @Test
    default void concurrentWritesLoseNothingAndAnotherInstanceSeesThem() throws Exception {
        RunStore s = store();
        s.createExperiment(experiment("e"));
        var pool = Executors.newFixedThreadPool(8);
        var futures = new ArrayList<Future<?>>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                s.trialStarted("e", n, PARAMS, n, T0, "w");
                s.trialFinished(completed("e", n, n / 200.0));
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        try (RunStore other = reopen(s)) {
            assertEquals(200, other.trials("e").size());
            assertTrue(other.trials("e").stream().allMatch(t -> t.state() == TrialState.COMPLETED));
        }
        s.close();
    }
}
