package dev.quarry.runner.cluster;

import dev.quarry.runner.trial.TrialEvaluator;
import java.nio.file.Path;

/**
 * Turns the coordinator's setup text and the dataset as cached on this worker into the evaluator
 * a cluster worker runs its trials with. Implemented by the composition root; called once per
 * worker, off the event loop.
 */
@FunctionalInterface
public interface RemoteSetup {

    /**
     * @param setup the coordinator's setup text
     * @param dataFile the training file, from this worker's cache (its hash already checked)
     * @return the evaluator
     * @throws Exception if the worker cannot take part
     */
    TrialEvaluator open(String setup, Path dataFile) throws Exception;
}
