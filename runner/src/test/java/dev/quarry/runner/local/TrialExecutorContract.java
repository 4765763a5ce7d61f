package dev.quarry.runner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runner.trial.Evaluation;
import dev.quarry.runner.trial.TrialEvaluator;
import dev.quarry.runner.trial.TrialExecutor;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every trial executor must do. Implementations supply an executor over a given evaluator. */
public interface TrialExecutorContract {

    /**
     * @param parallelism trials at once
     * @param evaluator the work
     * @return a fresh executor
     */
    TrialExecutor executor(int parallelism, TrialEvaluator evaluator);

    static TrialTask task(int n, Duration timeout) {
        return new TrialTask("e", n, new Params("fake", Map.of("n", n)), n, timeout);
    }

    /** Submits tasks and collects every onFinish call. */
    final class Collector {
        final Map<Integer, List<TrialResult>> results = new ConcurrentHashMap<>();
        final CountDownLatch done;

        Collector(int expected) {
            done = new CountDownLatch(expected);
        }

        void submit(TrialExecutor ex, TrialTask t) {
            ex.submit(t, w -> { }, r -> {
                results.computeIfAbsent(r.number(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(r);
                done.countDown();
            });
        }

        void await() throws InterruptedException {
            assertTrue(done.await(20, TimeUnit.SECONDS), "not every trial was reported");
        }

        TrialResult only(int n) {
            assertEquals(1, results.get(n).size(), "trial " + n + " reported once");
            return results.get(n).getFirst();
        }
    }

    @Test
    default void everyTaskIsReportedOnceAndParallelismIsRespected() throws Exception {
        var active = new AtomicInteger();
        var peak = new AtomicInteger();
        try (TrialExecutor ex = executor(3, t -> {
            peak.accumulateAndGet(active.incrementAndGet(), Math::max);
            Thread.sleep(20);
            active.decrementAndGet();
            return new Evaluation(t.number(), Map.of("m", (double) t.number()), 0.01);
        })) {
            var c = new Collector(20);
            for (int i = 0; i < 20; i++) {
                c.submit(ex, task(i, Duration.ofSeconds(10)));
            }
            c.await();
            Thread.sleep(50);
            for (int i = 0; i < 20; i++) {
                TrialResult r = c.only(i);
                assertEquals(TrialState.COMPLETED, r.state());
                assertEquals(i, r.score());
            }
            assertEquals(3, peak.get(), "ran exactly `parallelism` trials at once at the peak");
        }
    }

    @Test
    default void anExceptionBecomesALearnerErrorWithItsMessage() throws Exception {
        try (TrialExecutor ex = executor(1, t -> {
            throw new IllegalArgumentException("bad lambda");
        })) {
            var c = new Collector(1);
            c.submit(ex, task(0, Duration.ofSeconds(10)));
            c.await();
            TrialResult r = c.only(0);
            assertEquals(FailureKind.LEARNER_ERROR, r.failure());
            assertTrue(r.error().startsWith("java.lang.IllegalArgumentException: bad lambda"), r.error());
        }
    }

    @Test
    default void outOfMemoryIsItsOwnKind() throws Exception {
        try (TrialExecutor ex = executor(1, t -> {
            throw new OutOfMemoryError("Java heap space");
        })) {
            var c = new Collector(1);
            c.submit(ex, task(0, Duration.ofSeconds(10)));
            c.await();
            assertEquals(FailureKind.OUT_OF_MEMORY, c.only(0).failure());
        }
    }

    @Test
    default void aHungTrialTimesOutOnTimeAndItsSlotIsReused() throws Exception {
        try (TrialExecutor ex = executor(1, t -> {
            if (t.number() == 0) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < end) {
                    Thread.onSpinWait(); // ignores interruption, like native code
                }
            }
            return new Evaluation(1, Map.of(), 0);
        })) {
            var c = new Collector(2);
            c.submit(ex, task(0, Duration.ofMillis(200)));
            c.submit(ex, task(1, Duration.ofSeconds(10)));
            c.await();
            TrialResult hung = c.only(0);
            assertEquals(FailureKind.TIMEOUT, hung.failure());
            long late = hung.duration().toMillis() - 200;
            assertTrue(late >= 0 && late < 500, "reported " + late + " ms after its limit");
            assertEquals(TrialState.COMPLETED, c.only(1).state(), "the next trial ran although the hung thread never returned");
        }
    }

    @Test
    default void cancelAllReportsQueuedAndRunningTrialsOnce() throws Exception {
        var started = new CountDownLatch(1);
        TrialExecutor ex = executor(1, t -> {
            started.countDown();
            Thread.sleep(60_000);
            return new Evaluation(1, Map.of(), 0);
        });
        var c = new Collector(3);
        for (int i = 0; i < 3; i++) {
            c.submit(ex, task(i, Duration.ofSeconds(120)));
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
        ex.cancelAll();
        c.await();
        for (int i = 0; i < 3; i++) {
            assertEquals(FailureKind.CANCELLED, c.only(i).failure());
        }
        ex.close();
        Thread.sleep(100);
        for (int i = 0; i < 3; i++) {
            c.only(i);
        }
    }
}
