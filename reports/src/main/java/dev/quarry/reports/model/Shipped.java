package dev.quarry.reports.model;

/**
 * The child run whose model was saved, which need not be the best-ranked one: the final choice
 * compares single trials at their nested estimate and follows the deployment options.
 *
 * @param trial its trial number, or null when only the fit is known (reports written before this was recorded)
 * @param learner its learner, or null with the trial
 * @param fit how its model was fitted, or null
 * @param reason why it was chosen, or null
 */
public record Shipped(Integer trial, String learner, String fit, String reason) {
}
