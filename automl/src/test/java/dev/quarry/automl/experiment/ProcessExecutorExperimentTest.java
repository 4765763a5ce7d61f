package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.automl.pipeline.PipelineArtifact;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.sampler.RandomSampler;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real experiment whose trials run in real worker JVMs ({@code quarry worker --stdio}) with a
 * small heap: a learner that allocates without bound and one that sleeps past the trial timeout (8 s)
 * fail as OUT_OF_MEMORY and TIMEOUT, and the experiment still completes with a model.
 */
class ProcessExecutorExperimentTest {

    @TempDir
    Path dir;

    private String classPath;

    @BeforeEach
    void addTroubleLearnersToWorkerClassPath() {
        // Worker JVMs are started on this JVM's class path; this entry registers the trouble learners there only.
        classPath = System.getProperty("java.class.path");
        System.setProperty("java.class.path", classPath + File.pathSeparator + TroubleLearners.CLASS_PATH);
    }

    @AfterEach
    void restoreClassPath() {
        System.setProperty("java.class.path", classPath);
    }

    @Test
    void outOfMemoryAndTimeoutAreChildRunsOfTheirOwnKindAndTheExperimentCompletes() throws Exception {
        Path iris = Path.of("../examples/data/iris.csv").toAbsolutePath();
        String yaml = """
                data: {train: %s, target: class}
                budget: {maxTrials: 3, trialTimeout: 8s}
                validation: {type: kfold, folds: 3}
                learners: [test.allocate, test.sleep, smile.decision_tree]
                executor: {type: process, workers: 2, workerHeap: 128m}
                seed: 7
                """.formatted(iris);
        ExperimentConfig config = ConfigLoader.parse(yaml, ConfigLoader.Format.YAML, dir, "p.yaml", "p");
        var learners = new ArrayList<Learner>(LearnerCatalog.load().all());
        learners.addAll(TroubleLearners.all());
        var data = ExperimentData.load(config.data().train(), null, "class", null, CsvOptions.defaults());
        var experiment = ExperimentResolver.resolve("proc-" + System.nanoTime(), config, "p.yaml", data,
                LearnerCatalog.of(learners));
        var workspace = Workspace.open(dir.resolve("ws"));
        try (var store = SqliteRunStore.open(workspace.database())) {
            var loop = new ExperimentLoop(experiment, data, new RandomSampler(7, true), store, workspace,
                    InstantSource.system(), Instant.now(), new ExperimentListener() { }, Map.of("test", "1"), "{}");
            ExperimentOutcome outcome = loop.run();

            assertEquals(ExperimentStatus.COMPLETED, outcome.status(), outcome.toString());
            assertNotNull(outcome.model());
            assertTrue(PipelineArtifact.read(outcome.model()).members().size() >= 1);
            List<TrialResult> trials = store.trials(experiment.id());
            // Each learner's defaults first, cheapest first: one trial each. The 8 s limit leaves a fresh worker JVM
            // on a loaded machine time for the decision tree.
            assertEquals(3, trials.size());
            Set<String> learnersTried = trials.stream().map(t -> t.params().learner()).collect(Collectors.toSet());
            assertEquals(Set.of("test.allocate", "test.sleep", "smile.decision_tree"), learnersTried);
            for (TrialResult t : trials) {
                assertTrue(t.worker().equals("process-1") || t.worker().equals("process-2"), t.worker());
                switch (t.params().learner()) {
                    case "test.allocate" -> {
                        assertEquals(FailureKind.OUT_OF_MEMORY, t.failure(), t.toString());
                        String log = Files.readString(workspace.logs(t.runId()).resolve("worker.log"));
                        assertTrue(log.contains("OutOfMemoryError"), "the JVM's message is in the trial's log: " + log);
                    }
                    case "test.sleep" -> {
                        assertEquals(FailureKind.TIMEOUT, t.failure(), t.toString());
                        long late = t.duration().toMillis() - 8000;
                        assertTrue(late >= 0 && late < 2000, "reported " + late + " ms after its limit");
                    }
                    default -> assertEquals(TrialState.COMPLETED, t.state(), t.toString());
                }
                assertFalse(Files.exists(workspace.runDir(t.runId()).resolve("outputs").resolve("folds")),
                        "fold files are deleted once the coordinator has decided about the trial");
            }
        }
    }

    @Test
    void workersScaleTheSchedulersResourceKindAsTheLocalExecutorDoes() throws Exception {
        // resource: rows with an iterative learner (the random forest) and one without: below the top rung both fit
        // all their trees on a share of the rows. A worker that ran every rung at the full resource, or scaled the
        // forest's trees (auto) instead of its rows, would report other scores there than the local executor does.
        Path iris = Path.of("../examples/data/iris.csv").toAbsolutePath();
        var observed = new ArrayList<List<dev.quarry.search.history.Observation>>();
        for (String executor : List.of("{type: local, parallelism: 1}", "{type: process, workers: 1, workerHeap: 256m}")) {
            String yaml = """
                    data: {train: %s, target: class}
                    budget: {maxTrials: 6, trialTimeout: 60s}
                    validation: {type: kfold, folds: 3}
                    learners: [smile.random_forest, smile.decision_tree]
                    executor: %s
                    ensemble: {enabled: false}
                    search: {sampler: {type: random}, scheduler: {type: asha, resource: rows}}
                    seed: 7
                    """.formatted(iris, executor);
            ExperimentConfig config = ConfigLoader.parse(yaml, ConfigLoader.Format.YAML, dir, "s.yaml", "s");
            var data = ExperimentData.load(config.data().train(), null, "class", null, CsvOptions.defaults());
            var experiment = ExperimentResolver.resolve("sched-" + System.nanoTime(), config, "s.yaml", data,
                    LearnerCatalog.load());
            var workspace = Workspace.open(dir.resolve("ws-" + observed.size()));
            try (var store = SqliteRunStore.open(workspace.database())) {
                var loop = new ExperimentLoop(experiment, data, Strategies.of(config), store, workspace,
                        InstantSource.system(), Instant.now(), new ExperimentListener() { }, Map.of("test", "1"), "{}");
                assertEquals(ExperimentStatus.COMPLETED, loop.run().status());
                observed.add(store.observations(experiment.id()));
            }
        }
        List<dev.quarry.search.history.Observation> local = observed.get(0);
        assertTrue(local.stream().anyMatch(o -> o.resource() < 1), "some runs below the top rung: " + local);
        assertEquals(local, observed.get(1), "process workers score every rung as the local executor does");
    }
}
