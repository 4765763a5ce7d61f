package dev.quarry.runner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runner.trial.Evaluation;
import dev.quarry.runner.trial.Script;
import dev.quarry.runner.trial.ScriptedEvaluator;
import dev.quarry.runner.trial.TrialEvaluator;
import dev.quarry.runner.trial.TrialExecutor;
import dev.quarry.runner.trial.TrialExecutorContract;
import dev.quarry.runner.trial.TrialExecutorContract.Collector;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class LocalTrialExecutorTest implements TrialExecutorContract {

    @Override
    public TrialExecutor executor(int parallelism, Script script) {
        return executor(parallelism, new ScriptedEvaluator(script));
    }

    private static TrialExecutor executor(int parallelism, TrialEvaluator evaluator) {
        return new LocalTrialExecutor(parallelism, evaluator, InstantSource.system());
    }

    @Test
    void trialsRunOnNamedDaemonThreadsAndWorkersAreNumberedFromOne() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Set<Boolean> daemon = ConcurrentHashMap.newKeySet();
        try (TrialExecutor ex = executor(2, t -> {
            threads.add(Thread.currentThread().getName());
            daemon.add(Thread.currentThread().isDaemon());
            Thread.sleep(20);
            return new Evaluation(1, Map.of(), 0);
        })) {
            var c = new Collector(4);
            for (int i = 0; i < 4; i++) {
                c.submit(ex, TrialExecutorContract.task(i, Duration.ofSeconds(10)));
            }
            c.await();
            assertEquals(Set.of("quarry-trial-0", "quarry-trial-1", "quarry-trial-2", "quarry-trial-3"), threads);
            assertEquals(Set.of(true), daemon);
            Set<String> workers = ConcurrentHashMap.newKeySet();
            c.results.values().forEach(rs -> rs.forEach(r -> workers.add(r.worker())));
            assertEquals(Set.of("local-1", "local-2"), workers);
        }
    }

    @Test
    void rejectsNoParallelismAndSubmitsAfterClose() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new LocalTrialExecutor(0, t -> null, InstantSource.system()));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        var ex = executor(1, t -> new Evaluation(1, Map.of(), 0));
        ex.close();
        assertThrows(IllegalStateException.class,
                () -> ex.submit(TrialExecutorContract.task(0, Duration.ofSeconds(1)), w -> { }, r -> { }));
    }
}
