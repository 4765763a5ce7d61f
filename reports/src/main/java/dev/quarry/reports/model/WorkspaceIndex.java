package dev.quarry.reports.model;

import java.util.List;

/**
 * The workspace's experiments side by side.
 *
 * @param generated when it was assembled (ISO-8601)
 * @param workspace the workspace folder
 * @param experiments newest first
 */
public record WorkspaceIndex(String generated, String workspace, List<Entry> experiments) {

    /** Copies the list. */
    public WorkspaceIndex {
        experiments = List.copyOf(experiments);
    }

    /**
     * @param experiment the id
     * @param name the user's name
     * @param status its status
     * @param task its task
     * @param metric its primary metric
     * @param bestScore the best score, or null
     * @param bestLearner the best child run's learner, or null
     * @param trials child runs recorded
     * @param seconds wall-clock time so far
     * @param created when it started (ISO-8601)
     * @param stopReason why it stopped, or null
     * @param dataset the training file
     * @param report the report's path relative to the index, or null if it has none
     */
    public record Entry(String experiment, String name, String status, String task, String metric, Double bestScore,
            String bestLearner, int trials, double seconds, String created, String stopReason, String dataset,
            String report) {
    }
}
