package dev.quarry.reports.model;

import java.util.Objects;

/**
 * The report's headline: what ran, with what budget, why it stopped and what won.
 *
 * @param experiment the experiment id
 * @param name the user's experiment name
 * @param status RUNNING, COMPLETED, FAILED or CANCELLED
 * @param task binary, multiclass or regression
 * @param metric the primary metric's id
 * @param higherIsBetter the metric's direction
 * @param validation how trials were validated, e.g. "5-fold stratified"
 * @param budget what was given and what was used
 * @param stopReason why the search stopped, or null while running
 * @param best the best child run, or null if none scored
 * @param shipped the child run whose model was saved, how and why, or null while running or if none was
 * @param created when the experiment started (ISO-8601)
 * @param finished when it ended (ISO-8601), or null while running
 */
public record Summary(String experiment, String name, String status, String task, String metric,
        boolean higherIsBetter, String validation, Budget budget, String stopReason, Best best, Shipped shipped,
        String created, String finished) {

    /** Checks the required fields. */
    public Summary {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(budget, "budget");
    }
}
