package dev.quarry.runner.trial;

/**
 * Does a trial's work on the worker side: featurize, fit, score. Implemented by the composition root.
 * Implementations must be safe to call from several threads at once and should return promptly
 * once their thread is interrupted.
 */
@FunctionalInterface
public interface TrialEvaluator {

    /**
     * @param task the trial to run
     * @return what it measured
     * @throws Exception any failure; the executor turns it into a FAILED result with its message
     */
    Evaluation evaluate(TrialTask task) throws Exception;
}
