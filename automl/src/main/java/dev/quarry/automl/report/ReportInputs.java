package dev.quarry.automl.report;

import dev.quarry.reports.model.DatasetProfile;
import dev.quarry.reports.model.Diagnostics;

/**
 * What a report needs beyond the run history, known only while the experiment runs: saved with the
 * report as {@code outputs/report-inputs.json} so {@code quarry report} can rebuild it later.
 *
 * @param dataset the training data's profile
 * @param validation how trials were validated, for people
 * @param folds how many folds each trial was scored on
 * @param modelFit how the shipped model was fitted, or null if not yet known
 * @param shippedTrial the child run whose model was saved, or null if not yet known
 * @param shippedReason why it was chosen, or null
 * @param diagnostics the best model's diagnostics, or null
 */
public record ReportInputs(DatasetProfile dataset, String validation, int folds, String modelFit,
        Integer shippedTrial, String shippedReason, Diagnostics diagnostics) {

    /** Validates the fold count. */
    public ReportInputs {
        if (folds < 0) {
            throw new IllegalArgumentException("`folds >= 0` must hold, got " + folds);
        }
    }

    /**
     * @param trial the child run whose model was saved, or null
     * @param fit how its model was fitted, or null
     * @param reason why it was chosen, or null
     * @return a copy with them
     */
    public ReportInputs withShipped(Integer trial, String fit, String reason) {
        return new ReportInputs(dataset, validation, folds, fit, trial, reason, diagnostics);
    }

    /**
     * @param d the best model's diagnostics
     * @return a copy with them
     */
    public ReportInputs withDiagnostics(Diagnostics d) {
        return new ReportInputs(dataset, validation, folds, modelFit, shippedTrial, shippedReason, d);
    }
}
