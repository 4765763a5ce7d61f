package dev.quarry.runner.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;

class TrialJobTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    /** Records what was queued; callbacks run when the test says, as on an executor's callback thread. */
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor callbacks = queued::add;
    private final List<String> events = new ArrayList<>();
    private final List<TrialResult> results = new ArrayList<>();

    private TrialJob job(int maxAttempts) {
        var task = new TrialTask("e", 7, new Params("fake", Map.of("x", 1)), 42, Duration.ofSeconds(5));
        return new TrialJob(task, w -> events.add("start " + w), r -> {
            events.add("finish " + r.worker());
            results.add(r);
        }, maxAttempts);
    }

    private void runCallbacks() {
        queued.forEach(Runnable::run);
        queued.clear();
    }

    private static ScheduledFuture<?> timeout() {
        return new TimeoutStub();
    }

    @Test
    void reportsOnceAndDropsLaterResults() {
        var job = job(3);
        var timeout = timeout();
        job.begin("w1", T0, timeout, callbacks);
        assertTrue(job.completed(new Evaluation(0.9, Map.of("acc", 0.9), 1.5), "w1", T0.plusSeconds(2), callbacks));
        assertFalse(job.failed(FailureKind.TIMEOUT, "late", "w1", T0.plusSeconds(6), callbacks), "a second report is refused");
        assertFalse(job.failedQueued(FailureKind.CANCELLED, "cancelled", T0.plusSeconds(7), callbacks));
        runCallbacks();
        assertEquals(List.of("start w1", "finish w1"), events);
        assertEquals(1, results.size());
        TrialResult r = results.getFirst();
        assertEquals(TrialState.COMPLETED, r.state());
        assertEquals(T0, r.started());
        assertEquals(Duration.ofSeconds(2), r.duration());
        assertTrue(job.reported());
        assertTrue(timeout.isCancelled(), "the attempt's timeout is cancelled when the job is reported");
    }

    @Test
    void aLostWorkerRequeuesUntilTheLastAttemptThenReportsWorkerLost() {
        var job = job(2);
        var first = timeout();
        job.begin("w1", T0, first, callbacks);
        assertTrue(job.lost("w1", "exit code 137", true, T0.plusSeconds(1), callbacks), "attempt 1 of 2: queue again");
        assertTrue(first.isCancelled(), "a re-queued attempt's timeout must not fire on the next attempt");
        assertFalse(job.reported());
        assertEquals("w1 was lost (exit code 137) during attempt 1 of trial 7; queued again (at most 2 attempts)",
                job.requeuedText("w1", "exit code 137"));
        job.begin("w2", T0.plusSeconds(3), timeout(), callbacks);
        assertEquals(2, job.attempts());
        assertFalse(job.lost("w2", "no heartbeat for 5000 ms", true, T0.plusSeconds(4), callbacks));
        runCallbacks();
        assertEquals(List.of("start w1", "start w2", "finish w2"), events);
        TrialResult r = results.getFirst();
        assertEquals(FailureKind.WORKER_LOST, r.failure());
        assertEquals("w2 was lost (no heartbeat for 5000 ms) during attempt 2 of 2", r.error());
        assertEquals(T0.plusSeconds(3), r.started(), "the failure spans the last attempt");
    }

    @Test
    void anExecutorThatCannotRunMoreReportsTheFirstLossAtOnce() {
        var job = job(3);
        job.begin("process-1", T0, timeout(), callbacks);
        assertFalse(job.lost("process-1", "exit code 1", false, T0.plusSeconds(1), callbacks));
        assertFalse(job.lost("process-1", "exit code 1", true, T0.plusSeconds(1), callbacks), "already reported");
        runCallbacks();
        assertEquals(1, results.size());
        assertEquals(FailureKind.WORKER_LOST, results.getFirst().failure());
    }

    @Test
    void aQueuedFailureHasNoWorkerAndNoStart() {
        var job = job(1);
        assertTrue(job.failedQueued(FailureKind.CANCELLED, "cancelled before it started", T0, callbacks));
        runCallbacks();
        assertEquals(List.of("finish none"), events);
        assertEquals(Duration.ZERO, results.getFirst().duration());
    }

    @Test
    void maxAttemptsMustBePositive() {
        var e = assertThrows(IllegalArgumentException.class, () -> job(0));
        assertEquals("`maxAttempts >= 1` must hold, got 0", e.getMessage());
    }

    /** A timeout whose only observable behaviour is being cancelled. */
    private static final class TimeoutStub extends CompletableFuture<Void> implements ScheduledFuture<Void> {
        @Override
        public long getDelay(java.util.concurrent.TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(java.util.concurrent.Delayed o) {
            return 0;
        }
    }
}
