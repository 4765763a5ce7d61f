package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.config.ExperimentConfig;
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
import dev.quarry.search.space.Params;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment loop with fake learners whose scores and failures are known in advance. */
class ExperimentLoopTest {

    private static final int ROWS = 100;

    @TempDir
    Path dir;

    /** Decimal feature columns in the data; 0 (the default): one column of row numbers, which is dropped as an identifier. */
    private int features = 0;

    /** The phases the loop announced. */
    private final List<String> phases = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The last run's ensemble evidence, if its ensemble step ran. */
    private volatile EnsembleEvidence evidence;

    /** 100 rows: the {@link #features} columns and a target that is 0.3 everywhere. */
    private Path data() throws Exception {
        var csv = new StringBuilder(features == 0 ? "f," : "");
        for (int j = 0; j < features; j++) {
            csv.append('f').append(j).append(',');
        }
        csv.append("y\n");
        for (int i = 0; i < ROWS; i++) {
            if (features == 0) {
                csv.append(i).append(',');
            }
            for (int j = 0; j < features; j++) {
                csv.append((i * 7 + j * 13) % 101).append(".5,");
            }
            csv.append("0.3\n");
        }
        Path file = dir.resolve("d.csv");
        Files.writeString(file, csv);
        return file;
    }

    private ExperimentOutcome run(String budget, int parallelism, boolean slowRefits, String... learners) throws Exception {
        return run(budget, parallelism, java.util.Arrays.stream(learners).map(n -> (dev.quarry.automl.learner.Learner)
                new FakeLearner(n, ROWS, slowRefits)).toList(), "");
    }

    private ExperimentOutcome run(String budget, int parallelism, List<dev.quarry.automl.learner.Learner> learners,
            String extraYaml) throws Exception {
        data();
        String yaml = """
                data: {train: d.csv, target: y, task: regression}
                metric: rmse
                budget: {%s}
                validation: {type: kfold, folds: 5}
                executor: {type: local, parallelism: %d}
                seed: 5
                %s
                """.formatted(budget, parallelism, extraYaml);
        ExperimentConfig config = ConfigLoader.parse(yaml, ConfigLoader.Format.YAML, dir, "t.yaml", "t");
        var catalog = LearnerCatalog.of(learners);
        Instant start = Instant.now();
        var data = ExperimentData.load(config.data().train(), null, "y", config.data().task(), CsvOptions.defaults());
        var experiment = ExperimentResolver.resolve("exp-" + System.nanoTime(), config, "t.yaml", data, catalog);
        var workspace = Workspace.open(dir.resolve("ws"));
        try (var store = SqliteRunStore.open(workspace.database())) {
            var loop = new ExperimentLoop(experiment, data, new RandomSampler(5, true), store, workspace,
                    InstantSource.system(), start, new ExperimentListener() {
                        @Override
                        public void phase(String description) {
                            phases.add(description);
                        }

                        @Override
                        public void ensembleEvidence(EnsembleEvidence e) {
                            evidence = e;
                        }
                    }, Map.of("test", "1"), "{}");
            ExperimentOutcome outcome = loop.run();
            assertEquals(outcome.leaderboard().entries().size(), store.trials(outcome.experimentId()).size(),
                    "every child run is in the run store");
            assertEquals(outcome.status(), store.experiment(outcome.experimentId()).orElseThrow().status());
            return outcome;
        }
    }

    @Test
    void failingTrialsAreRecordedAndTheExperimentGoesOn() throws Exception {
        ExperimentOutcome o = run("maxTrials: 30", 2, false, "fake.a");
        assertEquals(ExperimentStatus.COMPLETED, o.status());
        assertEquals(StopReason.MAX_TRIALS, o.stopReason());
        assertEquals(30, o.leaderboard().entries().stream()
                .filter(e -> !ExperimentLoop.isEnsemble(e.trial().params().learner())).count());
        List<TrialResult> failed = o.leaderboard().entries().stream().map(e -> e.trial())
                .filter(t -> t.state() == TrialState.FAILED).toList();
        assertTrue(!failed.isEmpty(), "about half the random trials set fail=true");
        for (TrialResult t : failed) {
            assertEquals(FailureKind.LEARNER_ERROR, t.failure());
            assertTrue(t.error().contains("fake failure"), t.error());
            assertTrue(Files.readString(dir.resolve("ws/runs/" + t.runId() + "/logs/trial.log")).contains("fake failure"));
        }
        TrialResult best = o.leaderboard().entries().stream().map(e -> e.trial())
                .filter(t -> t.params().learner().equals("fake.a") && t.state() == TrialState.COMPLETED).findFirst().orElseThrow();
        assertEquals(Math.abs(best.params().getDouble("x") - 0.3), best.score(), 1e-12, "RMSE is |x - 0.3|");
        assertNotNull(o.model());
    }

    @Test
    void theBestSingleTrialIsRefittedOnAllRows() throws Exception {
        ExperimentOutcome o = run("maxTrials: 12", 1, List.of(new FakeLearner("fake.a", ROWS, false)), "ensemble: {enabled: false}");
        TrialResult best = o.leaderboard().best().orElseThrow().trial();
        var pipeline = PipelineArtifact.read(o.model());
        assertEquals(best.number(), pipeline.info().trial());
        assertTrue(pipeline.info().fit().startsWith("refit on all 100"), pipeline.info().fit());
        assertEquals(1, pipeline.members().size());
    }

    /**
     * Model files are gzip since format 3; a format-2 folder (plain model files, as earlier Quarry
     * versions wrote and the registry may hold) still loads and predicts the same.
     */
    @Test
    void modelFilesAreCompressedAndFormat2FoldersStillLoad() throws Exception {
        ExperimentOutcome o = run("maxTrials: 4", 1, List.of(new FakeLearner("fake.a", ROWS, false)), "ensemble: {enabled: false}");
        Path bin = o.model().resolve("members/0/model.bin");
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(bin), 2);
        assertEquals(java.util.zip.GZIPInputStream.GZIP_MAGIC, (head[0] & 0xff) | (head[1] & 0xff) << 8);
        var table = dev.quarry.featurize.csv.CsvReader.read(dir.resolve("d.csv"), CsvOptions.defaults());
        double[] expected = PipelineArtifact.read(o.model()).predict(table).values();

        Path old = dir.resolve("format-2-model");
        int members = PipelineArtifact.read(o.model()).members().size();
        for (int m = 0; m < members; m++) {
            Path member = Files.createDirectories(old.resolve("members/" + m));
            try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(o.model().resolve("members/" + m + "/model.bin")))) {
                Files.write(member.resolve("model.bin"), in.readAllBytes());
            }
            Files.copy(o.model().resolve("members/" + m + "/featurizer.json"), member.resolve("featurizer.json"));
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(o.model().resolve("pipeline.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("info")).put("formatVersion", 2);
        json.writeValue(old.resolve("pipeline.json").toFile(), manifest);
        var lineage = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(o.model().resolve("lineage.json").toFile());
        lineage.put("contentSha256", PipelineArtifact.contentHash(old));
        json.writeValue(old.resolve("lineage.json").toFile(), lineage);

        var pipeline = PipelineArtifact.read(old);
        assertEquals(2, pipeline.info().formatVersion());
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, pipeline.predict(table).values(), 0.0);
    }

    @Test
    void exitScoreStopsTheSearch() throws Exception {
        ExperimentOutcome o = run("maxTrials: 500, exitScore: 0.05", 1, false, "fake.a");
        assertEquals(StopReason.EXIT_SCORE, o.stopReason());
        assertTrue(o.leaderboard().best().orElseThrow().trial().score() <= 0.05);
        assertTrue(o.leaderboard().entries().size() < 500);
    }

    @Test
    void aRefitThatCannotFinishFallsBackToTheFoldModelsWithinTheBudget() throws Exception {
        // Every refit on all rows sleeps 20 s, which cannot fit in a 4 s budget.
        ExperimentOutcome o = run("maxDuration: 4s", 2, List.of(new FakeLearner("fake.a", ROWS, true)),
                "ensemble: {enabled: false}");
        assertTrue(o.elapsed().compareTo(Duration.ofMillis(4_300)) <= 0, "took " + o.elapsed());
        assertEquals(StopReason.TIME_BUDGET, o.stopReason());
        TrialResult best = o.leaderboard().best().orElseThrow().trial();
        var pipeline = PipelineArtifact.read(o.model());
        assertTrue(pipeline.info().fit().startsWith("average of the 5 fold models"), pipeline.info().fit());
        assertEquals(5, pipeline.members().size());
        double[] predicted = pipeline.predict(dev.quarry.featurize.csv.CsvReader.read(dir.resolve("d.csv"),
                CsvOptions.defaults())).values();
        assertEquals(best.params().getDouble("x"), predicted[0], 1e-12);
    }

    @Test
    void oneWorkerAndTheSameSeedGiveTheSameLeaderboard() throws Exception {
        var a = run("maxTrials: 12", 1, false, "fake.a", "fake.b");
        var b = run("maxTrials: 12", 1, false, "fake.a", "fake.b");
        assertEquals(summary(a), summary(b));
    }

    @Test
    void anEnsembleThatBeatsEveryTrialBecomesTheModel() throws Exception {
        // Neither learner can predict closer than 0.1 to the target 0.3 (RMSE >= 0.1), but an equal
        // blend of x=0.2 and x=0.4 predicts 0.3 exactly.
        var low = new FakeLearner("fake.low", ROWS, false, new dev.quarry.search.space.FloatDomain(0, 0.2, false), 0.2);
        var high = new FakeLearner("fake.high", ROWS, false, new dev.quarry.search.space.FloatDomain(0.4, 0.6, false), 0.4);
        ExperimentOutcome o = run("maxTrials: 20", 1, List.of(low, high), "ensemble: {stacking: false, families: 0}");
        var best = o.leaderboard().best().orElseThrow().trial();
        assertEquals(ExperimentLoop.ENSEMBLE, best.params().learner());
        assertEquals(20, best.number(), "recorded after the 20 trials, as child run 20");
        assertTrue(best.score() < 0.02, "ensemble RMSE " + best.score());
        assertEquals(21, o.leaderboard().entries().size());
        var pipeline = PipelineArtifact.read(o.model());
        assertTrue(pipeline.info().fit().startsWith("ensemble of"), pipeline.info().fit());
        double predicted = pipeline.predict(dev.quarry.featurize.csv.CsvReader.read(dir.resolve("d.csv"),
                CsvOptions.defaults())).values()[0];
        assertEquals(0.3, predicted, 0.02);
    }

    @Test
    void aModelThatPredictsFromItsTrainingRowsJoinsEnsemblesOnlyOnSmallData() throws Exception {
        // fake.low's best is x=0.2 (RMSE 0.1), fake.high's x=0.41 (0.11): only a blend of both gets near 0.3
        var low = new FakeLearner("fake.low", ROWS, false, new dev.quarry.search.space.FloatDomain(0, 0.2, false), 0.2);
        var high = rowBound("fake.high", 0.41);
        features = 1; // 100 rows x 1 feature: within the limit, so the blend is made
        ExperimentOutcome small = run("maxTrials: 20", 1, List.of(low, high), "ensemble: {stacking: false}");
        assertEquals(ExperimentLoop.ENSEMBLE, small.leaderboard().best().orElseThrow().trial().params().learner());
        assertTrue(phases.stream().noneMatch(p -> p.startsWith("ensembles leave out")), phases.toString());

        features = (int) (EnsemblePool.MAX_ROW_FEATURES / ROWS) + 1; // just over the limit
        ExperimentOutcome wide = run("maxTrials: 20", 1, List.of(low, high), "ensemble: {stacking: true}");
        var trials = wide.leaderboard().entries().stream().map(e -> e.trial()).toList();
        int bestHigh = bestOf(trials, "fake.high");
        assertTrue(trials.stream().noneMatch(t -> t.params().values().containsKey("trial_" + bestHigh)),
                "no ensemble, blend or stack lists fake.high's best trial");
        assertTrue(phases.stream().anyMatch(p -> p.startsWith("ensembles leave out trial " + bestHigh + " (fake.high, 1,001 features)")
                && p.contains("all its 100 training rows")), phases.toString());
        // the evidence a benchmark replays says so too: the left-out trial is kept but not admitted
        var kept = evidence.trials().stream().collect(java.util.stream.Collectors.toMap(EnsembleEvidence.KeptTrial::trial,
                EnsembleEvidence.KeptTrial::admitted));
        assertEquals(false, kept.get(bestHigh), "fake.high's best trial is kept, not admitted: " + kept);
        assertTrue(evidence.trials().getFirst().admitted(), "the best kept trial is admitted: " + kept);
        assertTrue(evidence.trials().stream().filter(t -> t.learner().equals("fake.low")).allMatch(EnsembleEvidence.KeptTrial::admitted),
                kept.toString());

        // the best kept trial joins whatever it costs: shipping it alone would cost as much
        var best = rowBound("fake.best", 0.39);
        ExperimentOutcome led = run("maxTrials: 20", 1, List.of(low, best), "ensemble: {stacking: false}");
        assertEquals(ExperimentLoop.ENSEMBLE, led.leaderboard().best().orElseThrow().trial().params().learner());
        int bestBest = bestOf(led.leaderboard().entries().stream().map(e -> e.trial()).toList(), "fake.best");
        assertTrue(led.leaderboard().best().orElseThrow().trial().params().values().containsKey("trial_" + bestBest));
    }

    @Test
    void noTrialIsStartedThatCouldNotFinishBeforeTheSearchStops() throws Exception {
        // fake.slow's trials take about 5 x 250 ms; fake.low's a few ms. Picked at random half the time,
        // a fake.slow trial would nearly always be running, and be cancelled, when the search stops.
        var low = new FakeLearner("fake.low", ROWS, false, new dev.quarry.search.space.FloatDomain(0, 0.2, false), 0.2);
        var slow = new FakeLearner("fake.slow", ROWS, false, new dev.quarry.search.space.FloatDomain(0.4, 0.6, false), 0.4) {
            @Override
            public dev.quarry.automl.learner.FittedModel fit(dev.quarry.automl.learner.TrainingData data, Params p, long seed)
                    throws Exception {
                Thread.sleep(250);
                return super.fit(data, p, seed);
            }
        };
        ExperimentOutcome o = run("maxDuration: 8s", 1, List.of(low, slow), "ensemble: {enabled: false}");
        var slowTrials = o.leaderboard().entries().stream().map(e -> e.trial())
                .filter(t -> t.params().learner().equals("fake.slow")).toList();
        assertTrue(slowTrials.stream().filter(t -> t.state() == TrialState.COMPLETED).count() >= 2, slowTrials.toString());
        assertTrue(slowTrials.stream().noneMatch(t -> t.failure() == FailureKind.CANCELLED),
                "no fake.slow trial was cut short: " + slowTrials);
        assertTrue(phases.stream().anyMatch(p -> p.startsWith("near the end of the search, learners whose trials would not finish before it stop getting "
                + "new ones: first fake.slow (")), phases.toString());
    }

    /** A fake learner declaring that it predicts from its training rows, searching x in [from, 0.6]. */
    private static FakeLearner rowBound(String name, double from) {
        return new FakeLearner(name, ROWS, false, new dev.quarry.search.space.FloatDomain(from, 0.6, false), from) {
            @Override
            public java.util.Set<dev.quarry.automl.learner.Capability> capabilities() {
                return java.util.Set.of(dev.quarry.automl.learner.Capability.PREDICTS_FROM_TRAINING_ROWS);
            }
        };
    }

    @Test
    void theBestOfEachFamilyIsBlendedIntoAChildRunWithItsDeploymentCost() throws Exception {
        var low = new FakeLearner("fake.low", ROWS, false, new dev.quarry.search.space.FloatDomain(0, 0.2, false), 0.2);
        var high = new FakeLearner("fake.high", ROWS, false, new dev.quarry.search.space.FloatDomain(0.4, 0.6, false), 0.4);
        ExperimentOutcome o = run("maxTrials: 20", 1, List.of(low, high), "ensemble: {stacking: false}");
        var trials = o.leaderboard().entries().stream().map(e -> e.trial()).toList();
        TrialResult family = trials.stream().filter(t -> t.params().learner().equals(ExperimentLoop.BEST_OF_FAMILY))
                .findFirst().orElseThrow();
        assertEquals(21, family.number(), "after the 20 trials and the greedy ensemble");
        int bestLow = bestOf(trials, "fake.low");
        int bestHigh = bestOf(trials, "fake.high");
        assertEquals(java.util.Set.of("trial_" + bestLow, "trial_" + bestHigh), family.params().values().keySet(),
                "one member per family, its best configuration");
        assertTrue(family.score() < 0.05, "the two families' bests blend close to 0.3: RMSE " + family.score());
        // its size is its members' (one fold model's size, as measured on each trial's path, times the 5 folds)
        double members = trials.stream().filter(t -> t.number() == bestLow || t.number() == bestHigh)
                .mapToDouble(t -> t.metrics().get(dev.quarry.runner.history.CostMetrics.ARTIFACT_BYTES)).sum();
        assertEquals(5 * members, family.metrics().get(dev.quarry.runner.history.CostMetrics.ARTIFACT_BYTES));
        assertTrue(family.metrics().containsKey(dev.quarry.runner.history.CostMetrics.PREDICT_P99_MS));
    }

    private static int bestOf(List<TrialResult> trials, String learner) {
        return trials.stream().filter(t -> t.params().learner().equals(learner) && t.state() == TrialState.COMPLETED)
                .min(java.util.Comparator.comparingDouble(TrialResult::score).thenComparingInt(TrialResult::number))
                .orElseThrow().number();
    }

    @Test
    void noEnsembleWhenItCannotBeatTheBestTrial() throws Exception {
        // Every prediction is below 0.3, so every blend is further from it than the largest one alone.
        var below = new FakeLearner("fake.below", ROWS, false, new dev.quarry.search.space.FloatDomain(0, 0.29, false), 0.1);
        ExperimentOutcome o = run("maxTrials: 10", 1, List.of(below), "ensemble: {stacking: false}");
        assertEquals("fake.below", o.leaderboard().best().orElseThrow().trial().params().learner());
        assertEquals(10, o.leaderboard().entries().size());
    }

    @Test
    void aStackIsAChildRunWithItsMembersAndShipsWhenItScoresBest() throws Exception {
        // Every prediction is below 0.3, so no average reaches it, but a linear meta-learner with an
        // intercept does: the stack scores RMSE ~0 and is shipped.
        var below = new FakeLearner("fake.below", ROWS, false, new dev.quarry.search.space.FloatDomain(0, 0.29, false), 0.1);
        ExperimentOutcome o = run("maxTrials: 10", 1, List.of(below), "");
        var stack = o.leaderboard().best().orElseThrow().trial();
        assertEquals(ExperimentLoop.STACKING, stack.params().learner());
        assertEquals(10, stack.number(), "recorded after the 10 trials");
        assertTrue(stack.score() < 1e-6, "stack RMSE " + stack.score());
        long members = stack.params().values().keySet().stream().filter(k -> k.startsWith("trial_")).count();
        assertTrue(members >= 2, "it stacks the kept trials: " + stack.params());
        assertTrue(stack.params().values().containsKey("penalty"));
        assertTrue(stack.metrics().containsKey(dev.quarry.runner.history.CostMetrics.ARTIFACT_BYTES));
        var pipeline = PipelineArtifact.read(o.model());
        assertTrue(pipeline.info().fit().startsWith("stack of " + members + " configurations"), pipeline.info().fit());
        assertNotNull(pipeline.stacker());
        // only the trials the meta-learner weighs are shipped (at least one); here, with constant
        // predictions and an intercept that does the work, every weight is 0, so one member ships
        long weighted = stack.params().values().entrySet().stream()
                .filter(e -> e.getKey().startsWith("trial_") && ((Number) e.getValue()).doubleValue() != 0).count();
        long shipped = Math.max(1, weighted);
        assertTrue(shipped < members, "weights " + stack.params());
        assertTrue(pipeline.info().fit().contains("the " + (members - shipped) + " with weight 0 left out"), pipeline.info().fit());
        assertEquals(shipped, pipeline.stacker().weights().length);
        // the fit rule sees a tie (constant predictions), so each member is refitted once instead of
        // shipping its 5 fold models: the artifact holds one model per shipped member
        assertEquals(shipped, pipeline.members().size(), pipeline.info().fit());
        assertTrue(pipeline.info().fit().contains(shipped + " of " + shipped + " members refitted once on all training rows"),
                pipeline.info().fit());
        var board = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                o.folder().resolve("outputs/leaderboard.json").toFile());
        assertEquals("refit", board.get("final").get("fitRule").get("chosen").asText(), board.get("final").toString());
        double predicted = pipeline.predict(dev.quarry.featurize.csv.CsvReader.read(dir.resolve("d.csv"),
                CsvOptions.defaults())).values()[0];
        assertEquals(0.3, predicted, 1e-6);
        // the report's diagnostics are drawn from the stack as shipped (its members match its weights)
        String inputs = java.nio.file.Files.readString(o.folder().resolve("outputs").resolve(
                dev.quarry.automl.report.ReportFiles.INPUTS));
        assertTrue(inputs.contains("stack (child run 10) of trials"), inputs.length() > 2000 ? inputs.substring(0, 2000) : inputs);
    }

    private static List<String> summary(ExperimentOutcome o) {
        return o.leaderboard().entries().stream()
                .map(e -> e.rank() + " " + e.trial().number() + " " + e.trial().params() + " " + e.trial().score()).toList();
    }
}
