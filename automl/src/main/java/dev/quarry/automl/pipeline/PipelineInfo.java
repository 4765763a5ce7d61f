package dev.quarry.automl.pipeline;

import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.featurize.table.Task;
import dev.quarry.runner.history.CostMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pipeline is, written beside its models as {@code pipeline.json} (all of it but the experiment
 * id, which goes to {@code lineage.json}, so that the same fit gives the same bytes). Maps are kept
 * sorted by key and the missing-value tokens sorted, so the JSON does not depend on hash order.
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
 * @param metrics cross-validated metrics of the configuration (quality metrics only: no timings)
 * @param seed the trial's seed
 * @param libraryVersions versions of Quarry, Java and the learner libraries
 */
public record PipelineInfo(int formatVersion, String experimentId, int trial, String learner, Map<String, Object> params,
        Task task, String target, List<String> classes, Map<String, ColumnKind> inputColumns, List<String> missingValues,
        char delimiter, String fit, Map<String, Double> metrics, long seed, Map<String, String> libraryVersions) {

    /** The artifact format this code writes: 3, model files gzip-compressed. */
    public static final int FORMAT_VERSION = 3;

    /** The formats this code reads: 2 (model files uncompressed) and 3. */
    public static final List<Integer> READABLE_FORMATS = List.of(2, 3);

    /**
     * @param id the experiment id
     * @return this info with that experiment id
     */
    public PipelineInfo withExperimentId(String id) {
        return new PipelineInfo(formatVersion, id, trial, learner, params, task, target, classes, inputColumns,
                missingValues, delimiter, fit, metrics, seed, libraryVersions);
    }

    /** Copies collections; drops deployment-cost entries from the metrics (the artifact is measured itself). */
    public PipelineInfo {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        classes = List.copyOf(classes);
        inputColumns = Collections.unmodifiableMap(new LinkedHashMap<>(inputColumns));
        missingValues = missingValues.stream().sorted().toList();
        var quality = new TreeMap<>(metrics);
        quality.keySet().removeAll(CostMetrics.ALL);
        metrics = Collections.unmodifiableMap(quality);
        libraryVersions = Collections.unmodifiableMap(new TreeMap<>(libraryVersions));
    }
}
