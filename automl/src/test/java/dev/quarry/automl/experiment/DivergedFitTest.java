package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Params;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit that diverges (an MLP with too high a learning rate predicts NaN) is a failed child run with
 * a message that says so, and the experiment goes on: found on abalone, where one such trial
 * crashed the whole experiment ("a COMPLETED trial needs a score").
 */
class DivergedFitTest {

    @TempDir
    Path dir;

    /** Predicts the constant x, or NaN when x is above 0.5. */
    static final class Diverging extends FakeLearner {
        Diverging() {
            super("fake.diverging", 1000, false, new FloatDomain(0, 1, false), 0.9);
        }

        @Override
        public FittedModel fit(TrainingData data, Params p, long seed) {
            double x = p.getDouble("x");
            return new Constant(x > 0.5 ? Double.NaN : x);
        }
    }

    @Test
    void aDivergedFitIsAFailedChildRunAndTheExperimentCompletes() throws Exception {
        var csv = new StringBuilder("f,y\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i).append(",0.3\n");
        }
        Files.writeString(dir.resolve("d.csv"), csv);
        var config = ConfigLoader.parse("""
                data: {train: d.csv, target: y, task: regression}
                metric: rmse
                budget: {maxTrials: 12}
                validation: {type: kfold, folds: 3}
                executor: {type: local, parallelism: 1}
                """, ConfigLoader.Format.YAML, dir, "t.yaml", "t");
        var data = ExperimentData.load(config.data().train(), null, "y", config.data().task(), CsvOptions.defaults());
        var experiment = ExperimentResolver.resolve("exp-nan", config, "t.yaml", data,
                LearnerCatalog.of(List.of(new Diverging())));
        var workspace = Workspace.open(dir.resolve("ws"));
        ExperimentOutcome outcome;
        try (var store = SqliteRunStore.open(workspace.database())) {
            outcome = new ExperimentLoop(experiment, data, new dev.quarry.search.sampler.RandomSampler(3, true), store,
                    workspace, InstantSource.system(), Instant.now(), new ExperimentListener() { }, Map.of(), "{}").run();
            var trials = store.trials("exp-nan").stream()
                    .filter(t -> !t.params().learner().equals(ExperimentLoop.ENSEMBLE)).toList();
            assertEquals(12, trials.size(), "every trial is recorded");
            // The first trial is the default, x = 0.9: it diverges.
            var first = trials.stream().filter(t -> t.number() == 0).findFirst().orElseThrow();
            assertEquals(TrialState.FAILED, first.state());
            assertEquals(FailureKind.LEARNER_ERROR, first.failure());
            assertTrue(first.error().contains("non-finite value") && first.error().contains("diverged"), first.error());
            assertTrue(trials.stream().filter(t -> t.state() == TrialState.COMPLETED)
                    .allMatch(t -> Double.isFinite(t.score())), "no completed trial has a NaN score");
            assertTrue(trials.stream().anyMatch(t -> t.state() == TrialState.COMPLETED), "some x <= 0.5 was tried");
        }
        assertEquals(ExperimentStatus.COMPLETED, outcome.status());
    }
}
