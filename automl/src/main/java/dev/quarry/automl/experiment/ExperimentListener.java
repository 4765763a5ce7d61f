package dev.quarry.automl.experiment;

import dev.quarry.runner.trial.TrialResult;
import java.time.Duration;

/**
 * Hears what an experiment does, for progress displays and event streams. All methods are called
 * on the experiment loop's thread, in order: {@code started}, then per trial {@code trialStarted}
 * before its {@code trialFinished}, then {@code phase} for the final steps (and {@code ensembleEvidence} once, when ensembles are built),
 * then {@code finished}.
 * Implementations must return quickly; the defaults do nothing.
 */
public interface ExperimentListener {

    /**
     * @param experiment what runs
     */
    default void started(ResolvedExperiment experiment) {
    }

    /**
     * @param trial the trial number
     * @param learner its learner
     * @param worker where it runs
     */
    default void trialStarted(int trial, String learner, String worker) {
    }

    /**
     * @param result the finished child run
     * @param newBest whether it is the new leader
     * @param best the best score so far (NaN if none)
     * @param elapsed time since the experiment started
     */
    default void trialFinished(TrialResult result, boolean newBest, double best, Duration elapsed) {
    }

    /**
     * @param description what the loop does now, e.g. "refitting trial 12 on all rows"
     */
    default void phase(String description) {
    }

    /**
     * Called once after the ensemble step, before the model to ship is chosen, when ensembles are
     * enabled and a trial completed. The evidence holds fitted models; keep it only as long as needed.
     *
     * @param evidence the kept trials and the ensembles built from them
     */
    default void ensembleEvidence(EnsembleEvidence evidence) {
    }

    /**
     * @param outcome how it ended
     */
    default void finished(ExperimentOutcome outcome) {
    }

    /**
     * @param first hears each event first
     * @param second hears it next
     * @return a listener passing every event to both, in that order
     */
    static ExperimentListener both(ExperimentListener first, ExperimentListener second) {
        return new ExperimentListener() {
            @Override
            public void started(ResolvedExperiment experiment) {
                first.started(experiment);
                second.started(experiment);
            }

            @Override
            public void trialStarted(int trial, String learner, String worker) {
                first.trialStarted(trial, learner, worker);
                second.trialStarted(trial, learner, worker);
            }

            @Override
            public void trialFinished(TrialResult result, boolean newBest, double best, Duration elapsed) {
                first.trialFinished(result, newBest, best, elapsed);
                second.trialFinished(result, newBest, best, elapsed);
            }

            @Override
            public void phase(String description) {
                first.phase(description);
                second.phase(description);
            }

            @Override
            public void ensembleEvidence(EnsembleEvidence evidence) {
                first.ensembleEvidence(evidence);
                second.ensembleEvidence(evidence);
            }

            @Override
            public void finished(ExperimentOutcome outcome) {
                first.finished(outcome);
                second.finished(outcome);
            }
        };
    }
}
