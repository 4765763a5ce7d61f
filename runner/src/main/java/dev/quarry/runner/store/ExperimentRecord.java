package dev.quarry.runner.store;

import dev.quarry.search.history.Direction;
import java.time.Instant;
import java.util.Map;

/**
 * An experiment (parent run) as the run store keeps it.
 *
 * @param id the experiment id, also its folder name under {@code runs/}
 * @param name the user's experiment name
 * @param status where it is
 * @param task BINARY, MULTICLASS or REGRESSION
 * @param metric the primary metric's name
 * @param direction the primary metric's direction
 * @param seed the experiment seed
 * @param configJson the resolved config, as JSON
 * @param dataset the training file's path as given
 * @param datasetHash SHA-256 of the training file
 * @param libraryVersions versions of Quarry, Java and the learner libraries
 * @param created when it started
 * @param finished when it ended; null while running
 * @param stopReason why it stopped; null while running
 * @param bestTrial the best trial's number; null if none
 * @param bestScore the best score; NaN if none
 */
public record ExperimentRecord(String id, String name, ExperimentStatus status, String task, String metric,
        Direction direction, long seed, String configJson, String dataset, String datasetHash,
        Map<String, String> libraryVersions, Instant created, Instant finished, String stopReason,
        Integer bestTrial, double bestScore) {

    /** Copies the versions map. */
    public ExperimentRecord {
        libraryVersions = Map.copyOf(libraryVersions);
    }
}
