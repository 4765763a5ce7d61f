package dev.quarry.automl.pipeline;

import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.featurize.table.Task;
import java.util.List;
import java.util.Map;

/**
 * What a pipeline is, written beside its models as {@code pipeline.json}.
 *
 * @param formatVersion the artifact format; readers refuse versions they do not know
 * @param experimentId the experiment that produced it
 * @param trial the trial whose configuration it is
 * @param learner the learner's catalog name
 * @param params the hyperparameters, by name
 * @param task the task
 * @param target the target column's name (ignored if present in prediction input)
 * @param classes class labels in probability-column order (empty for regression)
 * @param inputColumns the feature columns prediction input must have, with their kinds, in training order
 * @param missingValues the tokens read as missing
 * @param delimiter the CSV delimiter
 * @param fit how the members were fitted, e.g. "refit on all 1000 rows"
 * @param metrics cross-validated metrics of the configuration
 * @param seed the trial's seed
 * @param libraryVersions versions of Quarry, Java and the learner libraries
 */
public record PipelineInfo(int formatVersion, String experimentId, int trial, String learner, Map<String, Object> params,
        Task task, String target, List<String> classes, Map<String, ColumnKind> inputColumns, List<String> missingValues,
        char delimiter, String fit, Map<String, Double> metrics, long seed, Map<String, String> libraryVersions) {

    /** The artifact format this code writes. */
    public static final int FORMAT_VERSION = 1;

    /** Copies collections. */
    public PipelineInfo {
        params = Map.copyOf(params);
        classes = List.copyOf(classes);
        inputColumns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputColumns));
        missingValues = List.copyOf(missingValues);
        metrics = Map.copyOf(metrics);
        libraryVersions = Map.copyOf(libraryVersions);
    }
}
