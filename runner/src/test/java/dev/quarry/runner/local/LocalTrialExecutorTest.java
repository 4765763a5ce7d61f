package dev.quarry.runner.local;

import dev.quarry.runner.trial.TrialEvaluator;
import dev.quarry.runner.trial.TrialExecutor;
import java.time.InstantSource;

class LocalTrialExecutorTest implements TrialExecutorContract {

    @Override
    public TrialExecutor executor(int parallelism, TrialEvaluator evaluator) {
        return new LocalTrialExecutor(parallelism, evaluator, InstantSource.system());
    }
}
