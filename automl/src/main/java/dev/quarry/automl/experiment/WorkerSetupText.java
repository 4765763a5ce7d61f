package dev.quarry.automl.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialEvaluator;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a worker JVM is told once, so that it evaluates trials exactly as the coordinator would:
 * the experiment id, its config (with defaults filled in), the folder relative paths in it resolve
 * against, the training file's SHA-256 and the workspace. The worker reads the data itself, refuses
 * it if its content hash differs (the file changed since the experiment started), and resolves the
 * experiment again, which is deterministic: the same folds, learners, metric and, under a scheduler,
 * the same resource kind (rows or iterations).
 *
 * @param experimentId the experiment
 * @param config the config as JSON ({@link ConfigLoader#toJson})
 * @param baseDir the coordinator's working folder
 * @param sha256 the training file's content hash
 * @param workspace the workspace root, where the worker writes each trial's fold models
 */
public record WorkerSetupText(String experimentId, String config, String baseDir, String sha256, String workspace) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param experiment the resolved experiment
     * @param data its data
     * @param workspace its workspace
     * @return the setup as text
     */
    static String of(ResolvedExperiment experiment, ExperimentData data, Workspace workspace) {
        try {
            return JSON.writeValueAsString(new WorkerSetupText(experiment.id(), ConfigLoader.toJson(experiment.config()),
                    Path.of("").toAbsolutePath().toString(), data.sha256(), workspace.root().toAbsolutePath().toString()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The worker side: reads the data, checks it and builds the evaluator.
     *
     * @param text what {@link #of} wrote
     * @return the evaluator, writing fold models into the workspace
     * @throws dev.quarry.featurize.DataException if the data is missing or its content changed
     */
    public static TrialEvaluator open(String text) throws JsonProcessingException {
        return open(text, null);
    }

    /**
     * The cluster worker side: like {@link #open(String)}, but reads the training rows from this
     * worker's cached copy and keeps fold models to itself (the coordinator's workspace is not
     * reachable from another machine; the coordinator refits the best configuration itself).
     *
     * @param text what {@link #of} wrote
     * @param dataFile the cached training file, or null to use the config's path and write fold files
     * @return the evaluator
     * @throws JsonProcessingException if the text is not a setup
     */
    public static TrialEvaluator open(String text, Path dataFile) throws JsonProcessingException {
        WorkerSetupText setup = JSON.readValue(text, WorkerSetupText.class);
        String source = "the setup of experiment " + setup.experimentId();
        String configJson = setup.config();
        if (dataFile != null) {
            ObjectNode tree = (ObjectNode) JSON.readTree(configJson);
            ((ObjectNode) tree.get("data")).put("train", dataFile.toAbsolutePath().toString());
            configJson = tree.toString();
        }
        ExperimentConfig config = ConfigLoader.parse(configJson, ConfigLoader.Format.JSON, Path.of(setup.baseDir()),
                source, null);
        var data = Experiments.sameData(config, setup.sha256(), setup.experimentId());
        ResolvedExperiment e = ExperimentResolver.resolve(setup.experimentId(), config, source, data, LearnerCatalog.load());
        // The same featurization and resource scaling as the coordinator's loop: resolved from the same config and
        // data, and the scheduler's resource kind from the config (a worker scaling rows where the coordinator's own
        // evaluator scales iterations would report other scores at every rung below the top).
        return new CrossValidationEvaluator(e.folds(),
                e.learners().stream().collect(Collectors.toMap(Learner::name, Function.identity())), e.metric(),
                e.featurizerSpec(), dataFile != null ? null : new FoldFiles(Workspace.open(Path.of(setup.workspace())), e.id()),
                config.search().scheduler().resourceKind());
    }
}
