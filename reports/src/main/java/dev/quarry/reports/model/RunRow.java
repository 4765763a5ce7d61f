package dev.quarry.reports.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * One child run as a leaderboard row.
 *
 * @param rank its rank, or 0 if unranked (failed, running)
 * @param trial its trial number
 * @param learner its learner
 * @param status COMPLETED, PRUNED, FAILED or RUNNING
 * @param failure the failure kind, or null
 * @param score the primary metric, or null
 * @param spread the metric's standard deviation across folds, or null
 * @param fitSeconds time spent fitting
 * @param startSeconds when it started, seconds after the experiment started
 * @param durationSeconds its wall-clock time
 * @param worker which worker ran it
 * @param predictMillis median predict latency per row in milliseconds if the run history records it, else null
 * @param predictP99Millis 99th-percentile predict latency per row in milliseconds if recorded, else null
 * @param sizeBytes model size if the run history records it, else null
 * @param params its hyperparameters as text, by name
 * @param error the failure's first line, or null
 */
public record RunRow(int rank, int trial, String learner, String status, String failure, Double score, Double spread,
        double fitSeconds, double startSeconds, double durationSeconds, String worker, Double predictMillis,
        Double predictP99Millis, Double sizeBytes, Map<String, String> params, String error) {

    /** Copies the params in name order. */
    public RunRow {
        params = new TreeMap<>(params);
    }
}
