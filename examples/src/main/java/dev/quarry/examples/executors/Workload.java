package dev.quarry.examples.executors;

import dev.quarry.runner.trial.Evaluation;
import dev.quarry.runner.trial.TrialEvaluator;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.space.Params;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * What a benchmark trial does, from its params: {@code rounds} of a xorshift chain (0: a no-op), a
 * fixed amount of arithmetic, the same work wherever it runs, so that wall time measures
 * orchestration and parallelism rather than a timer. Stateless: one instance serves every worker.
 *
 * <p>Each result carries, as metrics, the trial's wall time on its worker ({@value #WALL}) and the
 * CPU time its thread got ({@value #CPU}): the chain never blocks, so their ratio is the share of a
 * core the worker was given, which tells a busy machine from a slow executor.
 */
final class Workload implements TrialEvaluator {

    /** The metric with the trial's wall seconds on its worker. */
    static final String WALL = "wallSeconds";
    /** The metric with the CPU seconds of the trial's thread. */
    static final String CPU = "cpuSeconds";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        double score = spin(task.params().getInt("rounds"), task.seed());
        return new Evaluation(score, Map.of(WALL, (System.nanoTime() - wall) / 1e9,
                CPU, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9), 0);
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
