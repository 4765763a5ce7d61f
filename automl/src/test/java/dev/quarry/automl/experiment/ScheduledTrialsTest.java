package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.runner.history.RunHistory;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.scheduler.Decision;
import dev.quarry.search.space.Params;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments with a scheduler, run through the real loop, local executor and SQLite store, on a
 * fake iterative learner whose score at every rung is known: {@code |x + 1/trees − 0.3|}.
 */
class ScheduledTrialsTest {

    @TempDir
    Path dir;

    record Run(ExperimentOutcome outcome, List<TrialResult> trials, List<Observation> observations,
            ResolvedExperiment experiment, SearchStrategy strategy) {
    }

    private Run run(String search, int maxTrials, int parallelism) throws Exception {
        var csv = new StringBuilder("f,y\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i).append(",0.3\n");
        }
        Files.writeString(dir.resolve("d.csv"), csv);
        String yaml = """
                data: {train: d.csv, target: y, task: regression}
                metric: rmse
                budget: {maxTrials: %d}
                validation: {type: kfold, folds: 3}
                executor: {type: local, parallelism: %d}
                ensemble: {enabled: false}
                seed: 7
                search: %s
                """.formatted(maxTrials, parallelism, search);
        ExperimentConfig config = ConfigLoader.parse(yaml, ConfigLoader.Format.YAML, dir, "t.yaml", "t");
        var data = ExperimentData.load(config.data().train(), null, "y", config.data().task(), CsvOptions.defaults());
        var experiment = ExperimentResolver.resolve("exp-" + System.nanoTime(), config, "t.yaml", data,
                LearnerCatalog.of(List.of(new FakeIterativeLearner())));
        var workspace = Workspace.open(dir.resolve("ws"));
        SearchStrategy strategy = Strategies.of(config);
        try (var store = SqliteRunStore.open(workspace.database())) {
            var loop = new ExperimentLoop(experiment, data, strategy, store, workspace, InstantSource.system(),
                    Instant.now(), new ExperimentListener() { }, Map.of(), "{}");
            ExperimentOutcome outcome = loop.run();
            return new Run(outcome, store.trials(outcome.experimentId()), store.observations(outcome.experimentId()),
                    experiment, strategy);
        }
    }

    /** The trees a run at this share fits, as the evaluator scales them. */
    private static int trees(Params p, double share) {
        return share >= 1 ? p.getInt("trees") : Math.max(1, (int) Math.round(share * p.getInt("trees")));
    }

    @Test
    void ashaRecordsEveryTrialOnceWithKnownScoresAtEveryRung() throws Exception {
        Run r = run("{sampler: {type: tpe, startupTrials: 5}, scheduler: {type: asha, minResource: 0.1}}", 30, 2);
        assertEquals(ExperimentStatus.COMPLETED, r.outcome().status());
        assertEquals(30, r.trials().size(), "one child run per trial, whatever rungs it reached");
        for (Observation o : r.observations()) {
            Params p = r.trials().get(o.trial()).params();
            assertEquals(FakeIterativeLearner.rmse(p, trees(p, o.resource())), o.score(), 1e-12, "observation " + o);
        }
        long completed = r.trials().stream().filter(t -> t.state() == TrialState.COMPLETED).count();
        long pruned = r.trials().stream().filter(t -> t.state() == TrialState.PRUNED).count();
        assertTrue(completed >= 1 && pruned >= 10, completed + " completed, " + pruned + " pruned");
        assertEquals(30, completed + pruned, "none failed, none left running");
        for (TrialResult t : r.trials()) {
            double resource = t.metrics().get(RunHistory.RESOURCE_METRIC);
            assertEquals(t.state() == TrialState.COMPLETED, resource == 1.0, "completed exactly at the top rung: " + t);
            List<Observation> own = r.observations().stream().filter(o -> o.trial() == t.number()).toList();
            assertEquals(own.getLast().score(), t.score(), 0, "a trial's score is its last observation's");
        }
        var best = r.outcome().leaderboard().best().orElseThrow().trial();
        assertEquals(TrialState.COMPLETED, best.state(), "the best is a full-resource trial");
    }

    @Test
    void hyperbandWithTpeRunsBohbStyle() throws Exception {
        Run r = run("{sampler: {type: tpe, startupTrials: 5}, scheduler: {type: hyperband, minResource: 0.1}}", 24, 1);
        assertEquals(ExperimentStatus.COMPLETED, r.outcome().status());
        // Brackets start trials at different rungs: the first observation of some trials is at 1/9, of others higher.
        var firstResources = new java.util.TreeSet<Double>();
        for (TrialResult t : r.trials()) {
            r.observations().stream().filter(o -> o.trial() == t.number()).findFirst()
                    .ifPresent(o -> firstResources.add(o.resource()));
        }
        assertTrue(firstResources.size() >= 2, "brackets start at " + firstResources);
        assertTrue(r.trials().stream().anyMatch(t -> t.state() == TrialState.COMPLETED));
    }

    @Test
    void aPolicyPrunesOnTopOfTheScheduler() throws Exception {
        Run r = run("{sampler: {type: random}, scheduler: {type: asha, minResource: 0.1}, "
                + "policy: {type: truncation, truncationPercentage: 50}}", 20, 1);
        assertEquals(ExperimentStatus.COMPLETED, r.outcome().status());
        // Replay the policy: every PRUNED trial whose last observation the policy stops must be PRUNED.
        var prefix = new ArrayList<Observation>();
        for (Observation o : r.observations()) {
            prefix.add(o);
            boolean stops = r.strategy().policy().shouldStop(new SearchHistory(Direction.MINIMIZE, List.of(), prefix), o.trial());
            if (stops) {
                assertEquals(TrialState.PRUNED, r.trials().get(o.trial()).state(), "stopped at " + o);
                assertEquals(o, prefix.stream().filter(x -> x.trial() == o.trial()).toList().getLast());
            }
        }
        assertTrue(r.trials().stream().anyMatch(t -> t.state() == TrialState.PRUNED));
    }

    @Test
    void everySchedulerAndSamplerDecisionReplaysFromTheRunStore() throws Exception {
        // One worker: decisions and results alternate, so the store's observation order is the decision order.
        Run r = run("{sampler: {type: tpe, startupTrials: 4}, scheduler: {type: asha, minResource: 0.1}}", 16, 1);
        var trials = new java.util.TreeMap<Integer, TrialRecord>();
        var observations = new ArrayList<Observation>();
        var byNumber = new java.util.HashMap<Integer, TrialResult>();
        r.trials().forEach(t -> byNumber.put(t.number(), t));
        var sampler = r.strategy().sampler();
        var scheduler = r.strategy().scheduler();
        for (Observation recorded : r.observations()) {
            var history = new SearchHistory(Direction.MINIMIZE, List.copyOf(trials.values()), observations);
            Decision d = scheduler.next(history, trials.size() < 16);
            switch (d) {
                case Decision.Start s -> {
                    int n = trials.size();
                    assertEquals(n, recorded.trial(), "start " + n);
                    Params params = sampler.propose(r.experiment().space(),
                            history.atModelledResource(ScheduledTrials.MODEL_POINTS), n);
                    assertEquals(byNumber.get(n).params(), params, "the sampler proposes trial " + n + "'s params again");
                    trials.put(n, new TrialRecord(n, params, TrialState.RUNNING, Double.NaN, 0, s.resource()));
                }
                case Decision.Promote p -> assertEquals(p.trial(), recorded.trial(), "promotion " + p);
                case Decision.Wait w -> throw new AssertionError("one worker never waits with trials to start");
            }
            double resource = d instanceof Decision.Start s ? s.resource() : ((Decision.Promote) d).resource();
            assertEquals(resource, recorded.resource(), 1e-12, "resource of " + recorded);
            observations.add(recorded);
            TrialRecord t = trials.get(recorded.trial());
            trials.put(t.number(), t.with(TrialState.COMPLETED, recorded.score(), 0, resource));
        }
        assertFalse(observations.isEmpty());
    }

    @Test
    void resumingWithoutASchedulerAsksTheSamplerForTheSameNextParams() throws Exception {
        for (String sampler : List.of("{type: tpe, startupTrials: 4}", "{type: gp, startupTrials: 4, candidates: 32}")) {
            Run longer = run("{sampler: " + sampler + "}", 9, 1);
            Run shorter = run("{sampler: " + sampler + "}", 8, 1);
            SearchHistory replayed = RunHistory.toSearchHistory(Direction.MINIMIZE, shorter.trials());
            Params next = shorter.strategy().sampler().propose(shorter.experiment().space(), replayed, 8);
            assertEquals(longer.trials().get(8).params(), next, sampler + ": resume proposes what the longer run ran");
        }
    }
}
