package dev.quarry.automl.registry;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One version of a registered model.
 *
 * @param name the model name
 * @param version its version (1, 2, ... per name)
 * @param description free text, may be empty
 * @param tags free key-value tags
 * @param learner the learner (or {@code ensemble})
 * @param task binary, multiclass or regression
 * @param metrics the cross-validated metrics of the configuration
 * @param experimentId lineage: the experiment
 * @param trial lineage: the child run's trial number
 * @param runId lineage: the child run's id
 * @param dataset lineage: the training file as the experiment recorded it
 * @param datasetHash lineage: its SHA-256
 * @param configJson lineage: the experiment's resolved config
 * @param fit how the model was fitted (refit on all rows, fold average, ensemble)
 * @param libraryVersions the framework versions it was made with
 * @param created when it was registered
 * @param artifact the registry's copy of the model folder
 */
public record RegisteredModel(String name, int version, String description, Map<String, String> tags, String learner,
        String task, Map<String, Double> metrics, String experimentId, int trial, String runId, String dataset,
        String datasetHash, String configJson, String fit, Map<String, String> libraryVersions, Instant created,
        Path artifact) {

    /** Copies maps. */
    public RegisteredModel {
        tags = Map.copyOf(tags);
        metrics = Map.copyOf(metrics);
        libraryVersions = Map.copyOf(libraryVersions);
    }

    /** @return {@code name:version} */
    public ModelRef ref() {
        return new ModelRef(name, version);
    }
}
