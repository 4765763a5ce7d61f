package dev.quarry.runner.local;

import dev.quarry.runner.trial.Evaluation;
import dev.quarry.runner.trial.Failures;
import dev.quarry.runner.trial.TrialEvaluator;
import dev.quarry.runner.trial.TrialExecutor;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.history.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs trials on up to {@code parallelism} local platform daemon threads, one fresh thread per
 * trial (named {@code quarry-trial-<trial number>}); queued trials start in submission order.
 * Workers are named {@code local-1} to {@code local-<parallelism>}.
 *
 * <p>Java cannot stop a thread that ignores interruption (native XGBoost, most tree learners), so a
 * trial past its timeout, or cancelled, is reported at once, its thread interrupted and abandoned,
 * and its slot given to the next queued trial; whatever the abandoned thread returns later is
 * ignored. Exactly one {@code onFinish} per task: a flag per task is claimed under the executor's
 * lock by whichever of the trial thread, the watchdog or a cancellation gets there first.
 *
 * <p>Callbacks run on executor threads: {@code onStart} and normal results on the trial's thread,
 * TIMEOUT on the watchdog thread, CANCELLED on a short-lived {@code quarry-trial-cancel} thread.
 * For one task, {@code onStart} (if called at all) returns before {@code onFinish} is called; a
 * task cancelled before it started gets no {@code onStart}. A callback that throws is reported on
 * stderr and changes nothing else. {@link #close()} waits for callbacks already under way (up to
 * {@value #CLOSE_WAIT_SECONDS} s) so that none is called after it returns. Thread-safe.
 */
public final class LocalTrialExecutor implements TrialExecutor {

    /** How long {@link #close()} waits for callbacks under way; a callback stuck longer is a caller's bug. */
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final int parallelism;
    private final TrialEvaluator evaluator;
    private final InstantSource clock;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Object lock = new Object();
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final List<Running> running = new ArrayList<>();
    private final TreeSet<Integer> freeWorkers = new TreeSet<>();
    /** Callbacks admitted and not yet returned, so close can wait for them. Guarded by {@link #lock}. */
    private int inflight;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** Callbacks under way on the current thread: close called from a callback must not wait for itself. */
    private final ThreadLocal<int[]> delivering = ThreadLocal.withInitial(() -> new int[1]);

    /**
     * @param parallelism how many trials run at once, at least 1
     * @param evaluator does each trial's work
     * @param clock the time source for start and end times
     */
    public LocalTrialExecutor(int parallelism, TrialEvaluator evaluator, InstantSource clock) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("`parallelism >= 1` must hold, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 1; i <= parallelism; i++) {
            freeWorkers.add(i);
        }
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "quarry-trial-watchdog");
            t.setDaemon(true);
            return t;
        });
        // A cancelled timeout would otherwise stay queued, holding its trial, until its limit passes.
        watchdog.setRemoveOnCancelPolicy(true);
        watchdog.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    private record Pending(TrialTask task, Consumer<String> onStart, Consumer<TrialResult> onFinish) {
    }

    /** A started trial; {@code reported} is claimed once, under the executor's lock. */
    private static final class Running {
        final Pending pending;
        final String worker;
        final int workerNumber;
        final AtomicBoolean reported = new AtomicBoolean();
        final Instant started;
        volatile Thread thread;
        volatile ScheduledFuture<?> timeout;

        Running(Pending pending, int workerNumber, Instant started) {
            this.pending = pending;
            this.workerNumber = workerNumber;
            this.worker = "local-" + workerNumber;
            this.started = started;
        }
    }

    @Override
    public int capacity() {
        return parallelism;
    }

    @Override
    public void submit(TrialTask task, Consumer<String> onStart, Consumer<TrialResult> onFinish) {
        var pending = new Pending(Objects.requireNonNull(task, "task"), Objects.requireNonNull(onStart, "onStart"),
                Objects.requireNonNull(onFinish, "onFinish"));
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("executor is closed; trial " + task.number() + " was not queued");
            }
            queue.add(pending);
            startQueued();
        }
    }

    /** Starts queued trials while there are free slots. Holds the lock. */
    private void startQueued() {
        while (!queue.isEmpty() && !freeWorkers.isEmpty()) {
            var run = new Running(queue.poll(), freeWorkers.pollFirst(), clock.instant());
            running.add(run);
            TrialTask task = run.pending.task();
            Thread t = new Thread(() -> execute(run), "quarry-trial-" + task.number());
            t.setDaemon(true);
            run.thread = t;
            long millis = Math.max(1, task.timeout().toMillis());
            run.timeout = watchdog.schedule(() -> finish(run, FailureKind.TIMEOUT, null,
                    "trial " + task.number() + " ran past its timeout of " + task.timeout()), millis, TimeUnit.MILLISECONDS);
            t.start();
        }
    }

    private void execute(Running run) {
        synchronized (run) {
            if (admitStart(run)) {
                deliver(() -> run.pending.onStart().accept(run.worker));
            }
        }
        Evaluation evaluation;
        try {
            evaluation = evaluator.evaluate(run.pending.task());
        } catch (OutOfMemoryError e) {
            // No stack trace text: building it needs memory, and the evaluator's garbage is
            // collectable now that its frames are gone.
            finish(run, FailureKind.OUT_OF_MEMORY, null, "java.lang.OutOfMemoryError: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            // Only this executor interrupts trial threads, and it reports the trial before it does.
            finish(run, FailureKind.CANCELLED, null, "interrupted");
            return;
        } catch (Throwable e) {
            // Errors too (StackOverflowError, a missing native library): they end this trial, not the search.
            finish(run, FailureKind.LEARNER_ERROR, null, Failures.describe(e));
            return;
        }
        finish(run, null, evaluation, null);
    }

    private boolean admitStart(Running run) {
        synchronized (lock) {
            if (closed || run.reported.get()) {
                return false;
            }
            inflight++;
            return true;
        }
    }

    /** Claims a trial's single result and frees its slot; false if it was already reported. Holds the lock. */
    private boolean claim(Running run) {
        if (!run.reported.compareAndSet(false, true)) {
            return false;
        }
        inflight++;
        running.remove(run);
        freeWorkers.add(run.workerNumber);
        return true;
    }

    /** Reports a trial's one result; later calls for the same trial do nothing. */
    private void finish(Running run, FailureKind kind, Evaluation evaluation, String error) {
        synchronized (lock) {
            if (!claim(run)) {
                return;
            }
            if (!closed) {
                startQueued();
            }
        }
        Instant now = clock.instant();
        TrialTask task = run.pending.task();
        report(run, evaluation != null ? TrialResult.completed(task, evaluation, run.started, now, run.worker)
                : TrialResult.failed(task, kind, error, run.started, now, run.worker));
    }

    /** Delivers a claimed result, after the trial's onStart if that is under way. */
    private void report(Running run, TrialResult result) {
        ScheduledFuture<?> timeout = run.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
        Thread t = run.thread;
        if (result.failure() == FailureKind.TIMEOUT || result.failure() == FailureKind.CANCELLED) {
            if (t != null && t != Thread.currentThread()) {
                t.interrupt();
            }
        }
        // The abandoned thread may live on; the run must not keep it reachable from here.
        run.thread = null;
        synchronized (run) {
            deliver(() -> run.pending.onFinish().accept(result));
        }
    }

    @Override
    public void cancelAll() {
        List<Pending> queued;
        List<Running> claimed = new ArrayList<>();
        synchronized (lock) {
            queued = new ArrayList<>(queue);
            queue.clear();
            inflight += queued.size();
            for (Running r : new ArrayList<>(running)) {
                if (claim(r)) {
                    claimed.add(r);
                }
            }
        }
        if (queued.isEmpty() && claimed.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (Running r : claimed) {
            Thread t = r.thread;
            if (t != null && t != Thread.currentThread()) {
                t.interrupt();
            }
        }
        // The contract keeps callbacks off the caller's thread: the caller may hold locks its callbacks need.
        Thread canceller = new Thread(() -> {
            for (Running r : claimed) {
                report(r, TrialResult.failed(r.pending.task(), FailureKind.CANCELLED, "cancelled while running",
                        r.started, now, r.worker));
            }
            for (Pending p : queued) {
                deliver(() -> p.onFinish().accept(TrialResult.failed(p.task(), FailureKind.CANCELLED,
                        "cancelled before it started", now, now, "none")));
            }
        }, "quarry-trial-cancel");
        canceller.setDaemon(true);
        canceller.start();
    }

    /**
     * Cancels what is left (each queued or running trial gets its CANCELLED result), stops the
     * watchdog and waits for callbacks under way, so that none is called after this returns.
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        cancelAll();
        watchdog.shutdown();
        awaitCallbacks(Duration.ofSeconds(CLOSE_WAIT_SECONDS));
    }

    private void awaitCallbacks(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int own = delivering.get()[0];
        synchronized (lock) {
            while (inflight > own) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    System.err.println("quarry: closed the trial executor with " + (inflight - own)
                            + " callback(s) still running after " + limit.toSeconds() + " s");
                    return;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Runs an admitted callback; its failure must not kill a worker, the watchdog or the executor. */
    private void deliver(Runnable callback) {
        int[] depth = delivering.get();
        depth[0]++;
        try {
            callback.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            System.err.println("quarry: a trial callback failed: " + e);
        } finally {
            depth[0]--;
            synchronized (lock) {
                inflight--;
                lock.notifyAll();
            }
        }
    }
}
