package dev.quarry.automl.experiment;

import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.store.ExperimentStatus;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How an experiment ended.
 *
 * @param experimentId the experiment
 * @param status COMPLETED, FAILED or CANCELLED
 * @param stopReason why trials stopped
 * @param leaderboard every child run, ranked
 * @param folder the experiment's folder ({@code runs/<id>})
 * @param model the saved best model's folder, or null if none could be made
 * @param modelFit how the saved model was fitted, or null
 * @param modelTrial the child run whose model was saved (the leaderboard's best unless a deployment
 *     option chose another), or null
 * @param modelReason why that child run was chosen ({@link FinalChoice}), or null
 * @param elapsed wall-clock time of the whole experiment
 */
public record ExperimentOutcome(String experimentId, ExperimentStatus status, StopReason stopReason,
        Leaderboard leaderboard, Path folder, Path model, String modelFit, Integer modelTrial,
        String modelReason, Duration elapsed) {
}
