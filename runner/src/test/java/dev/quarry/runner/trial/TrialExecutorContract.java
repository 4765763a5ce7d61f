package dev.quarry.runner.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every trial executor must do. Implementations supply an executor whose workers run a
 * {@link ScriptedEvaluator} with the given script, in this JVM or in worker JVMs; the evaluators
 * report through files in the script's scratch folder, so the same checks hold across processes.
 * Timeouts here are a few hundred milliseconds so the suite stays fast; the timing bounds (a
 * TIMEOUT reported within 500 ms of its limit) leave room for a loaded two-core machine.
 */
public interface TrialExecutorContract {

    /**
     * @param parallelism trials at once
     * @param script the work each trial does
     * @return a fresh executor
     */
    TrialExecutor executor(int parallelism, Script script);

    /**
     * @return true if the executor ends a trial's worker when the trial times out or is cancelled
     *     (worker processes), so that a stuck trial never returns; false if it abandons the trial's
     *     thread, which may return later and must then be ignored
     */
    default boolean killsStuckTrials() {
        return false;
    }

    /** @return how many rounds of the close race to run (each starts a fresh executor) */
    default int closeRaceRounds() {
        return 30;
    }

    static TrialTask task(int n, Duration timeout) {
        return new TrialTask("e", n, new Params("fake", Map.of("n", n)), n, timeout);
    }

    /** Submits tasks and collects every callback, in order, with the thread it came on. */
    final class Collector {
        public final Map<Integer, List<TrialResult>> results = new ConcurrentHashMap<>();
        public final Map<Integer, List<String>> starts = new ConcurrentHashMap<>();
        public final Queue<String> events = new ConcurrentLinkedQueue<>();
        public final Set<Thread> callbackThreads = ConcurrentHashMap.newKeySet();
        public final AtomicBoolean closed = new AtomicBoolean();
        public final Queue<String> afterClose = new ConcurrentLinkedQueue<>();
        public final CountDownLatch done;

        public Collector(int expected) {
            done = new CountDownLatch(expected);
        }

        public void submit(TrialExecutor ex, TrialTask t) {
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

        public void await() throws InterruptedException {
            assertTrue(done.await(30, TimeUnit.SECONDS), "not every trial was reported: " + results.keySet());
        }

        /** Waits until {@code n} trials have started. */
        public void awaitStarts(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (starts.size() < n) {
                assertTrue(System.nanoTime() < deadline, "only " + starts.keySet() + " started");
                Thread.sleep(5);
            }
        }

        public TrialResult only(int n) {
            assertEquals(1, results.getOrDefault(n, List.of()).size(), "trial " + n + " reported once");
            return results.get(n).getFirst();
        }
    }

    @Test
    default void everyTaskIsReportedOnceAndParallelismIsRespected(@TempDir Path scratch) throws Exception {
        try (TrialExecutor ex = executor(3, new Script("interval", scratch))) {
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
                assertEquals(0.01, r.fitSeconds());
                assertEquals(List.of(r.worker()), c.starts.get(i), "one onStart, naming the worker of the result");
                assertTrue(events.indexOf("start " + i) < events.indexOf("finish " + i), "onStart came first");
                assertFalse(r.finished().isBefore(r.started()));
            }
            assertEquals(3, ScriptedEvaluator.peakOverlap(scratch), "ran exactly `parallelism` trials at once at the peak");
            assertFalse(c.callbackThreads.contains(Thread.currentThread()), "callbacks on executor threads");
        }
    }

    @Test
    default void queuedTrialsStartInSubmissionOrder(@TempDir Path scratch) throws Exception {
        try (TrialExecutor ex = executor(1, new Script("constant", scratch))) {
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
    default void anExceptionBecomesALearnerErrorWithItsMessageAndStack(@TempDir Path scratch) throws Exception {
        try (TrialExecutor ex = executor(1, new Script("throw", scratch))) {
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
    default void outOfMemoryIsItsOwnKind(@TempDir Path scratch) throws Exception {
        try (TrialExecutor ex = executor(1, new Script("oom0", scratch))) {
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
    default void aSleepingTrialTimesOutOnTimeAndItsSlotIsReused(@TempDir Path scratch) throws Exception {
        try (TrialExecutor ex = executor(1, new Script("sleep0", scratch))) {
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
    default void aHungTrialTimesOutOnTimeItsSlotIsReusedAndItsLateReturnIgnored(@TempDir Path scratch) throws Exception {
        try (TrialExecutor ex = executor(1, new Script("hang0", scratch))) {
            var c = new Collector(2);
            c.submit(ex, task(0, Duration.ofMillis(200)));
            c.submit(ex, task(1, Duration.ofSeconds(10)));
            c.await();
            TrialResult hung = c.only(0);
            assertEquals(FailureKind.TIMEOUT, hung.failure());
            long late = hung.duration().toMillis() - 200;
            assertTrue(late >= 0 && late < 500, "reported " + late + " ms after its limit");
            assertEquals(TrialState.COMPLETED, c.only(1).state(), "the next trial ran although the hung one never returned");
            assertNotEquals(hung.started(), c.only(1).started());

            Files.writeString(scratch.resolve("release"), "");
            Path returned = scratch.resolve("returned-0");
            if (killsStuckTrials()) {
                Thread.sleep(300);
                assertFalse(Files.exists(returned), "the hung trial's worker was killed, so it never returned");
            } else {
                awaitFile(returned);
                Thread.sleep(100);
            }
            assertEquals(FailureKind.TIMEOUT, c.only(0).failure(), "the late COMPLETED was not reported");
        }
    }

    @Test
    default void cancelAllReportsQueuedAndRunningTrialsOnceAndTheExecutorGoesOn(@TempDir Path scratch) throws Exception {
        TrialExecutor ex = executor(2, new Script("sleepBelow10", scratch));
        var c = new Collector(5);
        for (int i = 0; i < 5; i++) {
            c.submit(ex, task(i, Duration.ofSeconds(120)));
        }
        c.awaitStarts(2);
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
    default void aThrowingCallbackDoesNotStopTheExecutor(@TempDir Path scratch) throws Exception {
        try (TrialExecutor ex = executor(1, new Script("constant", scratch))) {
            var done = new CountDownLatch(3);
            for (int i = 0; i < 3; i++) {
                ex.submit(task(i, Duration.ofSeconds(10)), w -> {
                    throw new IllegalStateException("onStart broke");
                }, r -> {
                    done.countDown();
                    throw new IllegalStateException("onFinish broke");
                });
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "later trials still ran and were reported");
        }
    }

    @Test
    default void closeCancelsEverythingAndNoCallbackComesAfterIt(@TempDir Path scratch) throws Exception {
        TrialExecutor ex = executor(2, new Script("hangAll", scratch));
        var c = new Collector(4);
        for (int i = 0; i < 4; i++) {
            c.submit(ex, task(i, Duration.ofMillis(300)));
        }
        c.awaitStarts(2);
        ex.close();
        c.closed.set(true);
        for (int i = 0; i < 4; i++) {
            assertEquals(FailureKind.CANCELLED, c.only(i).failure(), "reported before close returned");
        }
        Files.writeString(scratch.resolve("release"), "");
        Thread.sleep(500); // past the 300 ms timeouts and the hung trials' return
        assertEquals(List.of(), List.copyOf(c.afterClose));
        for (int i = 0; i < 4; i++) {
            c.only(i);
        }
    }

    @Test
    default void racingCloseStillReportsEveryTaskExactlyOnce(@TempDir Path scratch) throws Exception {
        // Trials of 0-2 ms against a close at a random moment: every way a result and a cancellation can
        // meet. A lost or doubled report fails the round it happens in.
        for (int round = 0; round < closeRaceRounds(); round++) {
            TrialExecutor ex = executor(2, new Script("jitter", scratch));
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

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, file + " did not appear");
            Thread.sleep(5);
        }
    }
}
