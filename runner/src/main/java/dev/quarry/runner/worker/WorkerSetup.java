package dev.quarry.runner.worker;

import dev.quarry.runner.trial.TrialEvaluator;

/**
 * Turns the coordinator's setup text (opaque to the runner: the composition root writes and reads
 * it) into the evaluator a worker runs every trial with. Called once per worker, on its main thread,
 * before any trial; this is where the worker loads and checks the dataset.
 */
@FunctionalInterface
public interface WorkerSetup {

    /**
     * @param setup the text the coordinator sent
     * @return the evaluator for this worker's trials
     * @throws Exception if the worker cannot take part (data missing or changed, bad setup); the
     *     coordinator is told why and the worker exits
     */
    TrialEvaluator open(String setup) throws Exception;
}
