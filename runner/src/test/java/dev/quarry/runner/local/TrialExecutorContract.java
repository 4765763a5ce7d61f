package dev.quarry.runner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * What every trial executor must do. Implementations supply an executor over a given evaluator.
 * Timeouts here are a few hundred milliseconds so the suite stays fast; the timing bounds (a
 * TIMEOUT reported within 500 ms of its limit) leave room for a loaded two-core machine.
 */
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

    /** Blocks until {@code release} is set, ignoring interruption the way native code does. */
    static void ignoreInterruptsUntil(AtomicBoolean release) {
        while (!release.get()) {
            Thread.interrupted();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** Submits tasks and collects every callback, in order, with the thread it came on. */
    final class Collector {
        final Map<Integer, List<TrialResult>> results = new ConcurrentHashMap<>();
        final Map<Integer, List<String>> starts = new ConcurrentHashMap<>();
        final Queue<String> events = new ConcurrentLinkedQueue<>();
        final Set<Thread> callbackThreads = ConcurrentHashMap.newKeySet();
        final AtomicBoolean closed = new AtomicBoolean();
        final Queue<String> afterClose = new ConcurrentLinkedQueue<>();
        final CountDownLatch done;

        Collector(int expected) {
            done = new CountDownLatch(expected);
        }

        void submit(TrialExecutor ex, TrialTask t) {
            ex.submit(t, w -> {
                record("start " + t.number());
                starts.computeIfAbsent(t.number(), k -> new CopyOnWriteArrayList<>()).add(w);
            }, r -> {
                record("finish " + r.number());
                results.computeIfAbsent(r.number(), k -> new CopyOnWriteArrayList<>()).add(r);
                done.countDown();
            });
        }

        private void record(String event) {
            events.add(event);
            callbackThreads.add(Thread.currentThread());
            if (closed.get()) {
                afterClose.add(event);
            }
        }

        void await() throws InterruptedException {
            assertTrue(done.await(20, TimeUnit.SECONDS), "not every trial was reported: " + results.keySet());
        }

        TrialResult only(int n) {
            assertEquals(1, results.getOrDefault(n, List.of()).size(), "trial " + n + " reported once");
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
            assertEquals(3, ex.capacity());
            var c = new Collector(20);
            for (int i = 0; i < 20; i++) {
                c.submit(ex, task(i, Duration.ofSeconds(10)));
            }
            c.await();
            Thread.sleep(50);
            var events = List.copyOf(c.events);
            for (int i = 0; i < 20; i++) {
                TrialResult r = c.only(i);
                assertEquals(TrialState.COMPLETED, r.state());
                assertEquals(i, r.score());
                assertEquals(Map.of("m", (double) i), r.metrics());
                assertEquals(List.of(r.worker()), c.starts.get(i), "one onStart, naming the worker of the result");
                assertTrue(events.indexOf("start " + i) < events.indexOf("finish " + i), "onStart came first");
                assertFalse(r.finished().isBefore(r.started()));
            }
            assertEquals(3, peak.get(), "ran exactly `parallelism` trials at once at the peak");
            assertFalse(c.callbackThreads.contains(Thread.currentThread()), "callbacks on executor threads");
        }
    }

    @Test
    default void queuedTrialsStartInSubmissionOrder() throws Exception {
        try (TrialExecutor ex = executor(1, t -> new Evaluation(1, Map.of(), 0))) {
            var c = new Collector(10);
            for (int i = 0; i < 10; i++) {
                c.submit(ex, task(i, Duration.ofSeconds(10)));
            }
            c.await();
            List<String> starts = c.events.stream().filter(e -> e.startsWith("start")).toList();
            assertEquals(List.of("start 0", "start 1", "start 2", "start 3", "start 4", "start 5", "start 6",
                    "start 7", "start 8", "start 9"), starts);
        }
    }

    @Test
    default void anExceptionBecomesALearnerErrorWithItsMessageAndStack() throws Exception {
        try (TrialExecutor ex = executor(1, t -> {
            throw new IllegalArgumentException("bad lambda");
        })) {
            var c = new Collector(1);
            c.submit(ex, task(0, Duration.ofSeconds(10)));
            c.await();
            TrialResult r = c.only(0);
            assertEquals(TrialState.FAILED, r.state());
            assertEquals(FailureKind.LEARNER_ERROR, r.failure());
            assertTrue(r.error().startsWith("java.lang.IllegalArgumentException: bad lambda"), r.error());
            assertTrue(r.error().contains("\tat "), "the stack trace is kept: " + r.error());
            assertTrue(Double.isNaN(r.score()));
        }
    }

    @Test
    default void outOfMemoryIsItsOwnKind() throws Exception {
        try (TrialExecutor ex = executor(1, t -> {
            if (t.number() == 0) {
                throw new OutOfMemoryError("test");
            }
            return new Evaluation(1, Map.of(), 0);
        })) {
            var c = new Collector(2);
            c.submit(ex, task(0, Duration.ofSeconds(10)));
            c.submit(ex, task(1, Duration.ofSeconds(10)));
            c.await();
            assertEquals(FailureKind.OUT_OF_MEMORY, c.only(0).failure());
            assertTrue(c.only(0).error().contains("test"), c.only(0).error());
            assertEquals(TrialState.COMPLETED, c.only(1).state(), "the executor goes on after an OOM");
        }
    }

    @Test
    default void aSleepingTrialTimesOutOnTimeAndItsSlotIsReused() throws Exception {
        try (TrialExecutor ex = executor(1, t -> {
            if (t.number() == 0) {
                Thread.sleep(10_000);
            }
            return new Evaluation(1, Map.of(), 0);
        })) {
            var c = new Collector(2);
            c.submit(ex, task(0, Duration.ofMillis(200)));
            c.submit(ex, task(1, Duration.ofSeconds(10)));
            c.await();
            Thread.sleep(50);
            TrialResult slept = c.only(0);
            assertEquals(FailureKind.TIMEOUT, slept.failure(), "not CANCELLED although its sleep was interrupted");
            long late = slept.duration().toMillis() - 200;
            assertTrue(late >= 0 && late < 500, "reported " + late + " ms after its limit");
            assertEquals(TrialState.COMPLETED, c.only(1).state());
        }
    }

    @Test
    default void aHungTrialTimesOutOnTimeItsSlotIsReusedAndItsLateReturnIgnored() throws Exception {
        var release = new AtomicBoolean();
        var returned = new CountDownLatch(1);
        try (TrialExecutor ex = executor(1, t -> {
            if (t.number() == 0) {
                ignoreInterruptsUntil(release);
                returned.countDown();
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
            assertNotEquals(hung.started(), c.only(1).started());

            release.set(true);
            assertTrue(returned.await(5, TimeUnit.SECONDS));
            Thread.sleep(100);
            assertEquals(FailureKind.TIMEOUT, c.only(0).failure(), "the late COMPLETED was not reported");
        }
    }

    @Test
    default void cancelAllReportsQueuedAndRunningTrialsOnceAndTheExecutorGoesOn() throws Exception {
        var started = new CountDownLatch(2);
        TrialExecutor ex = executor(2, t -> {
            if (t.number() < 10) {
                started.countDown();
                Thread.sleep(60_000);
            }
            return new Evaluation(1, Map.of(), 0);
        });
        var c = new Collector(5);
        for (int i = 0; i < 5; i++) {
            c.submit(ex, task(i, Duration.ofSeconds(120)));
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
        ex.cancelAll();
        c.await();
        for (int i = 0; i < 5; i++) {
            assertEquals(FailureKind.CANCELLED, c.only(i).failure());
        }
        assertEquals(2, c.starts.size(), "only the running ones started");
        assertFalse(c.callbackThreads.contains(Thread.currentThread()), "not on the caller's thread");

        var after = new Collector(1);
        after.submit(ex, task(10, Duration.ofSeconds(10)));
        after.await();
        assertEquals(TrialState.COMPLETED, after.only(10).state(), "cancelAll does not close");

        ex.close();
        Thread.sleep(100);
        for (int i = 0; i < 5; i++) {
            c.only(i);
        }
    }

    @Test
    default void aThrowingCallbackDoesNotStopTheExecutor() throws Exception {
        try (TrialExecutor ex = executor(1, t -> new Evaluation(t.number(), Map.of(), 0))) {
            var done = new CountDownLatch(3);
            for (int i = 0; i < 3; i++) {
                ex.submit(task(i, Duration.ofSeconds(10)), w -> {
                    throw new IllegalStateException("onStart broke");
                }, r -> {
                    done.countDown();
                    throw new IllegalStateException("onFinish broke");
                });
            }
            assertTrue(done.await(10, TimeUnit.SECONDS), "later trials still ran and were reported");
        }
    }

    @Test
    default void closeCancelsEverythingAndNoCallbackComesAfterIt() throws Exception {
        var release = new AtomicBoolean();
        var started = new CountDownLatch(2);
        TrialExecutor ex = executor(2, t -> {
            started.countDown();
            ignoreInterruptsUntil(release);
            return new Evaluation(1, Map.of(), 0);
        });
        var c = new Collector(4);
        for (int i = 0; i < 4; i++) {
            c.submit(ex, task(i, Duration.ofMillis(300)));
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
        ex.close();
        c.closed.set(true);
        for (int i = 0; i < 4; i++) {
            assertEquals(FailureKind.CANCELLED, c.only(i).failure(), "reported before close returned");
        }
        release.set(true);
        Thread.sleep(500); // past the 300 ms timeouts and the hung trials' return
        assertEquals(List.of(), List.copyOf(c.afterClose));
        for (int i = 0; i < 4; i++) {
            c.only(i);
        }
    }

    @Test
    default void racingCloseStillReportsEveryTaskExactlyOnce() throws Exception {
        // Trials of 0-2 ms against a close at a random moment: every way a result and a cancellation can
        // meet. 30 rounds; a lost or doubled report fails the round it happens in.
        for (int round = 0; round < 30; round++) {
            TrialExecutor ex = executor(2, t -> {
                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                return new Evaluation(1, Map.of(), 0);
            });
            var c = new Collector(8);
            for (int i = 0; i < 8; i++) {
                c.submit(ex, task(i, Duration.ofSeconds(10)));
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(6));
            ex.close();
            c.closed.set(true);
            assertEquals(0, c.done.getCount(), "round " + round + ": all reported by the time close returned");
            Thread.sleep(10);
            for (int i = 0; i < 8; i++) {
                TrialResult r = c.only(i);
                assertTrue(r.state() == TrialState.COMPLETED || r.failure() == FailureKind.CANCELLED, r.toString());
            }
            assertEquals(List.of(), List.copyOf(c.afterClose), "round " + round);
        }
    }
}
