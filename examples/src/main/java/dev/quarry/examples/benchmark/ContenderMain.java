package dev.quarry.examples.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.automl.cli.LibraryVersions;
import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.experiment.EnsembleEvidence;
import dev.quarry.automl.experiment.ExperimentListener;
import dev.quarry.automl.experiment.ExperimentOutcome;
import dev.quarry.automl.experiment.Experiments;
import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineArtifact;
import dev.quarry.automl.pipeline.PipelineInfo;
import dev.quarry.automl.pipeline.PipelineMember;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.featurize.table.LabelledTable;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Targets;
import dev.quarry.featurize.table.Task;
import dev.quarry.featurize.transform.Featurizer;
import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.search.history.TrialState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one contender on one outer fold, in a JVM of its own: trains on {@code train.csv} within the
 * budget, predicts {@code test.csv}, and writes a result JSON with the test predictions (scored by
 * the coordinator, the same way for every contender), the time from JVM start to a saved model,
 * the child runs and failures, peak resident memory, predict time and artifact size.
 *
 * <p>Usage: {@code ContenderMain <contender> <fold dir> <target> <task> <budget> <seed> <parallelism> <out.json>}
 */
public final class ContenderMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Whether a Quarry contender also writes its ensemble evidence ({@link EvidenceFile}) beside its
     * result: set by the coordinator (environment {@value #EVIDENCE_ENV}={@code 1}) for a suite with
     * {@code evidence: true}.
     */
    static final String EVIDENCE_ENV = "QUARRY_BENCH_EVIDENCE";

    private static final boolean EVIDENCE = "1".equals(System.getenv(EVIDENCE_ENV));

    private ContenderMain() {
    }

    /**
     * @param args see the class comment
     * @throws Exception on any failure (the coordinator records it)
     */
    public static void main(String[] args) throws Exception {
        // The JVM's own start time (ProcessHandle's comes from /proc with one-second precision).
        Instant jvmStart = Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        Contender contender = Contender.of(args[0]);
        Path fold = Path.of(args[1]).toAbsolutePath();
        String target = args[2];
        Task task = Task.valueOf(args[3].toUpperCase(Locale.ROOT));
        String budget = args[4];
        long seed = Long.parseLong(args[5]);
        int parallelism = Integer.parseInt(args[6]);
        Path out = Path.of(args[7]).toAbsolutePath();
        Path work = Files.createDirectories(out.resolveSibling(out.getFileName() + ".work"));

        var result = new LinkedHashMap<String, Object>();
        EnsembleEvidence[] evidence = new EnsembleEvidence[1];
        Path model = work.resolve("model");
        int childRuns = 1;
        int failures = 0;
        switch (contender) {
            case QUARRY_DEFAULT, QUARRY_RANDOM, QUARRY_TPE, QUARRY_SINGLE, QUARRY_WIDE_POOL -> {
                String search = switch (contender) {
                    case QUARRY_RANDOM -> "search: {sampler: {type: random}}\n";
                    case QUARRY_TPE -> "search: {sampler: {type: tpe}}\n";
                    case QUARRY_SINGLE -> "ensemble: {enabled: false}\n";
                    case QUARRY_WIDE_POOL -> "ensemble: {poolFamilies: 10}\n";
                    default -> "";
                };
                String yaml = """
                        name: bench
                        data: {train: %s, target: "%s", task: %s}
                        metric: %s
                        budget: {maxDuration: %s}
                        executor: {type: local, parallelism: %d}
                        seed: %d
                        %s""".formatted(fold.resolve("train.csv"), target, task.name().toLowerCase(Locale.ROOT),
                        Metric.defaultFor(task).id(), budget, parallelism, seed, search);
                var config = ConfigLoader.parse(yaml, ConfigLoader.Format.YAML, fold, "bench.yaml", "bench");
                var prepared = Experiments.prepare(config, "bench.yaml", jvmStart);
                var workspace = Workspace.open(work.resolve("ws"));
                ExperimentOutcome outcome;
                ExperimentListener evidenceKeeper = !EVIDENCE ? new ExperimentListener() { } : new ExperimentListener() {
                    @Override
                    public void ensembleEvidence(EnsembleEvidence e) {
                        evidence[0] = e;
                    }
                };
                ExperimentListener listener = ExperimentListener.both(new RunLog(System.out, jvmStart,
                        java.time.InstantSource.system()), evidenceKeeper);
                try (var store = SqliteRunStore.open(workspace.database())) {
                    outcome = Experiments.loop(prepared, store, workspace, listener, jvmStart,
                            LibraryVersions.current()).run();
                }
                if (outcome.model() == null) {
                    throw new IllegalStateException("Quarry saved no model: " + outcome.stopReason());
                }
                model = outcome.model();
                childRuns = outcome.leaderboard().entries().size();
                failures = (int) outcome.leaderboard().entries().stream()
                        .filter(e -> e.trial().state() == TrialState.FAILED
                                && e.trial().failure() != dev.quarry.search.history.FailureKind.CANCELLED).count();
                result.put("stopReason", outcome.stopReason().name());
                result.put("bestLearner", outcome.leaderboard().best().map(e -> e.trial().params().learner()).orElse(null));
                result.put("modelFit", outcome.modelFit());
            }
            case CONSTANT, RANDOM_FOREST, GRADIENT_BOOSTING -> PipelineArtifact.write(fitSingle(contender, fold, target,
                    task, seed), model);
            case H2O_AUTOML -> throw new IllegalArgumentException("h2o-automl runs in its own JDK 17 process (H2OProcess)");
        }
        double fitSeconds = Duration.between(jvmStart, Instant.now()).toMillis() / 1000.0;

        Pipeline pipeline = PipelineArtifact.read(model);
        var csv = new CsvOptions(pipeline.info().delimiter(), new java.util.LinkedHashSet<>(pipeline.info().missingValues()));
        Table test = CsvReader.read(fold.resolve("test.csv"), csv, pipeline.info().inputColumns());
        long t0 = System.nanoTime();
        Predictions p = pipeline.predict(test);
        double predictMillis = (System.nanoTime() - t0) / 1e6;

        result.put("contender", contender.id());
        // What this machine could run: a learner whose native library is missing (Smile's linear algebra
        // without OpenBLAS) is left out of Quarry's search, so runs with and without it do not compare.
        result.put("unavailableLearners", LearnerCatalog.load().all().stream()
                .filter(l -> l.unavailableReason().isPresent()).map(Learner::name).sorted().toList());
        result.put("fitSeconds", fitSeconds);
        result.put("childRuns", childRuns);
        result.put("failures", failures);
        result.put("predictMillis", predictMillis);
        result.put("testRows", p.size());
        result.put("artifactBytes", PipelineArtifact.size(model));
        result.put("peakRssMb", peakRssMb());
        result.put("classes", pipeline.info().classes());
        if (p.values() != null) {
            result.put("values", p.values());
        } else {
            result.put("probabilities", p.probabilities());
        }
        JSON.writeValue(out.toFile(), result);
        if (evidence[0] != null) {
            // after the result is written: the time and memory this takes are not the contender's
            long e0 = System.nanoTime();
            try {
                Target testTarget = Targets.split(CsvReader.read(fold.resolve("test.csv"), CsvOptions.defaults()), target, task,
                        "test.csv").target();
                EvidenceFile.write(evidence[0], pipeline, test, testTarget,
                        out.resolveSibling(out.getFileName() + ".evidence.json.gz"));
                result.put("evidenceSeconds", (System.nanoTime() - e0) / 1e9);
            } catch (Exception | OutOfMemoryError e) {
                result.put("evidenceError", String.valueOf(e));
            }
            evidence[0] = null;
            JSON.writeValue(out.toFile(), result);
        }
        System.exit(0);
    }

    /** One fit of a baseline on the whole training fold, with the catalog's default params. */
    private static Pipeline fitSingle(Contender contender, Path fold, String target, Task task, long seed) throws Exception {
        LabelledTable train = Targets.split(CsvReader.read(fold.resolve("train.csv"), CsvOptions.defaults()), target, task,
                "train.csv");
        var kinds = new LinkedHashMap<String, ColumnKind>();
        train.features().columns().forEach(c -> kinds.put(c.name(), c.kind()));
        var featurizer = Featurizer.fit(train.features(), FeaturizerSpec.defaults());
        var features = featurizer.transform(train.features());
        Target y = train.target();
        dev.quarry.automl.learner.FittedModel model;
        String learnerName;
        if (contender == Contender.CONSTANT) {
            learnerName = "constant";
            model = new ConstantModel(prior(y));
        } else {
            learnerName = contender == Contender.RANDOM_FOREST ? "smile.random_forest" : "smile.gradient_boosting";
            Learner learner = LearnerCatalog.load().find(learnerName).orElseThrow();
            if (learner.capabilities().contains(Capability.NEEDS_SCALING)) {
                throw new IllegalStateException(learnerName + " would need scaled features");
            }
            model = learner.fit(new TrainingData(features, y), learner.space(task, y.size()).defaults(), seed);
        }
        var info = new PipelineInfo(PipelineInfo.FORMAT_VERSION, "bench", 0, learnerName, Map.of(), task, target,
                y.classes(), kinds, List.copyOf(CsvOptions.DEFAULT_MISSING), ',', "fit once on the training fold",
                Map.of(), seed, LibraryVersions.current());
        return new Pipeline(info, List.of(new PipelineMember(featurizer, model, 1.0)));
    }

    /** Class shares, or the mean as a one-element array for regression. */
    private static double[] prior(Target y) {
        if (y.values() != null) {
            return new double[] {Arrays.stream(y.values()).average().orElse(0)};
        }
        double[] shares = new double[y.classCount()];
        for (int label : y.labels()) {
            shares[label] += 1.0 / y.labels().length;
        }
        return shares;
    }

    /**
     * Predicts the same thing for every row.
     *
     * @param prior class shares, or {mean} for regression
     */
    record ConstantModel(double[] prior) implements dev.quarry.automl.learner.FittedModel {
        @Override
        public Predictions predict(double[][] features) {
            if (prior.length == 1) {
                double[] v = new double[features.length];
                Arrays.fill(v, prior[0]);
                return Predictions.ofValues(v);
            }
            double[][] p = new double[features.length][];
            Arrays.setAll(p, i -> prior.clone());
            return Predictions.ofProbabilities(p);
        }
    }

    /** Peak resident set size of this process, from Linux's /proc; -1 elsewhere. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
