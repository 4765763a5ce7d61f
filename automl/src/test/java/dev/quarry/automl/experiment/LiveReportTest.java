package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.automl.report.ReportFiles;
import dev.quarry.automl.report.ReportInputs;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment loop writes its report and the workspace index, and a report that cannot be written stops nothing. */
class LiveReportTest {

    @TempDir
    Path dir;

    private ExperimentOutcome run(Workspace workspace, String id) throws Exception {
        return run(workspace, id, new ExperimentListener() { });
    }

    private ExperimentOutcome run(Workspace workspace, String id, ExperimentListener listener) throws Exception {
        var csv = new StringBuilder("f,y\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(",0.3\n");
        }
        Files.writeString(dir.resolve("d.csv"), csv);
        var config = ConfigLoader.parse("""
                data: {train: d.csv, target: y, task: regression}
                metric: rmse
                budget: {maxTrials: 8}
                validation: {type: kfold, folds: 4}
                executor: {type: local, parallelism: 2}
                ensemble: {stacking: false}  # a stack (leading here by its intercept) has no diagnostics yet
                """, ConfigLoader.Format.YAML, dir, "t.yaml", "t");
        var data = ExperimentData.load(config.data().train(), null, "y", config.data().task(), CsvOptions.defaults());
        var experiment = ExperimentResolver.resolve(id, config, "t.yaml", data,
                LearnerCatalog.of(List.of(new FakeLearner("fake.a", 100, false))));
        try (var store = SqliteRunStore.open(workspace.database())) {
            return new ExperimentLoop(experiment, data, new dev.quarry.search.sampler.RandomSampler(5, true), store,
                    workspace, InstantSource.system(), Instant.now(), listener, Map.of(), "{}").run();
        }
    }

    @Test
    void theRunWritesItsReportItsInputsAndTheIndex() throws Exception {
        var workspace = Workspace.open(dir.resolve("ws"));
        ExperimentOutcome o = run(workspace, "exp-a");
        Path html = ReportFiles.report(workspace, "exp-a");
        assertTrue(Files.readString(html).contains("id=\"quarry-data\""));
        ReportInputs inputs = ReportFiles.readInputs(workspace, "exp-a");
        assertNotNull(inputs);
        assertEquals(4, inputs.folds());
        assertEquals(o.modelFit(), inputs.modelFit());
        assertNotNull(inputs.diagnostics(), "the leader's fold predictions were kept, so it has diagnostics");
        assertEquals(o.leaderboard().best().orElseThrow().trial().number(), inputs.diagnostics().trial());
        assertEquals(4, inputs.diagnostics().foldScores().size());
        assertEquals(100, inputs.diagnostics().rows());
        assertTrue(Files.readString(workspace.root().resolve("index.html")).contains("exp-a"));
    }

    @Test
    void theReportIsWrittenDuringTheRunNotOnlyAtTheEnd() throws Exception {
        var workspace = Workspace.open(dir.resolve("ws"));
        var seenBeforeTheEnd = new java.util.concurrent.atomic.AtomicBoolean();
        // The caller's listener hears finished before the report's own listener writes the final report, so a
        // file present here was written by the live writer after a new leader.
        run(workspace, "exp-c", new ExperimentListener() {
            @Override
            public void finished(ExperimentOutcome outcome) {
                long until = System.nanoTime() + 10_000_000_000L;
                try {
                    while (!Files.isRegularFile(ReportFiles.report(workspace, "exp-c")) && System.nanoTime() < until) {
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seenBeforeTheEnd.set(Files.isRegularFile(ReportFiles.report(workspace, "exp-c")));
            }
        });
        assertTrue(seenBeforeTheEnd.get());
    }

    @Test
    void aReportThatCannotBeWrittenIsLoggedAndTheExperimentCompletes() throws Exception {
        var workspace = Workspace.open(dir.resolve("ws"));
        // A folder where the report file should go makes every write of it fail.
        Files.createDirectories(ReportFiles.report(workspace, "exp-b").resolve("blocked"));
        ExperimentOutcome o = run(workspace, "exp-b");
        assertEquals(ExperimentStatus.COMPLETED, o.status());
        assertNotNull(o.model());
        assertTrue(Files.readString(workspace.logs("exp-b").resolve("report.log")).contains("cannot write the report"));
    }
}
