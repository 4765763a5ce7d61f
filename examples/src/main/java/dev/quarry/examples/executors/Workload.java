package dev.quarry.examples.executors;

import dev.quarry.runner.trial.Evaluation;
import dev.quarry.runner.trial.TrialEvaluator;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.space.Params;
import java.util.Map;

/**
 * What a benchmark trial does, from its params: {@code rounds} of a xorshift chain (0: a no-op), a
 * fixed amount of arithmetic, the same work wherever it runs, so that wall time measures
 * orchestration and parallelism rather than a timer. Stateless: one instance serves every worker.
 */
final class Workload implements TrialEvaluator {

    /** The setup text every benchmark worker gets; the work itself travels in each trial's params. */
    static final String SETUP = "bench";

    static Workload parse(String setup) {
        return new Workload();
    }

    static Params params(int rounds) {
        return new Params("bench", Map.of("rounds", rounds));
    }

    @Override
    public Evaluation evaluate(TrialTask task) {
        return new Evaluation(spin(task.params().getInt("rounds"), task.seed()), Map.of(), 0);
    }

    /** A dependent chain the JIT cannot drop or vectorise; the result is returned so it is used. */
    static double spin(long rounds, long seed) {
        long x = seed | 1;
        for (long i = 0; i < rounds; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return (x & 0xFFFF) / 65536.0;
    }
}
