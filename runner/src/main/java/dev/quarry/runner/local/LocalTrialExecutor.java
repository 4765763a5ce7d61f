package dev.quarry.runner.local;

import dev.quarry.runner.trial.Evaluation;
import dev.quarry.runner.trial.TrialEvaluator;
import dev.quarry.runner.trial.TrialExecutor;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.history.FailureKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs trials on up to {@code parallelism} local daemon threads, one thread per trial.
 *
 * <p>Java cannot stop a thread that ignores interruption (native XGBoost, most tree learners), so a
 * trial past its timeout, or cancelled, is reported at once, its thread interrupted and abandoned,
 * and its slot given to the next queued trial; whatever the abandoned thread returns later is
 * ignored. Exactly one {@code onFinish} per task, guarded by a flag per task. Thread-safe.
 */
public final class LocalTrialExecutor implements TrialExecutor {

    private final int parallelism;
    private final TrialEvaluator evaluator;
    private final InstantSource clock;
    private final ScheduledExecutorService watchdog;
    private final Object lock = new Object();
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final List<Running> running = new ArrayList<>();
    private final TreeSet<Integer> freeWorkers = new TreeSet<>();
    private volatile boolean closed;

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
        this.evaluator = evaluator;
        this.clock = clock;
        for (int i = 1; i <= parallelism; i++) {
            freeWorkers.add(i);
        }
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quarry-trial-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    private record Pending(TrialTask task, Consumer<String> onStart, Consumer<TrialResult> onFinish) {
    }

    /** A started trial; {@code reported} guards its single result. */
    private static final class Running {
        final Pending pending;
        final String worker;
        final int workerNumber;
        final AtomicBoolean reported = new AtomicBoolean();
        volatile Instant started;
        volatile Thread thread;
        volatile ScheduledFuture<?> timeout;

        Running(Pending pending, int workerNumber) {
            this.pending = pending;
            this.workerNumber = workerNumber;
            this.worker = "local-" + workerNumber;
        }
    }

    @Override
    public int capacity() {
        return parallelism;
    }

    @Override
    public void submit(TrialTask task, Consumer<String> onStart, Consumer<TrialResult> onFinish) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("executor is closed");
            }
            queue.add(new Pending(task, onStart, onFinish));
            startQueued();
        }
    }

    /** Starts queued trials while there are free slots. Holds the lock. */
    private void startQueued() {
        while (!queue.isEmpty() && !freeWorkers.isEmpty()) {
            var run = new Running(queue.poll(), freeWorkers.pollFirst());
            running.add(run);
            Thread t = new Thread(() -> execute(run), "quarry-trial-" + run.pending.task().number());
            t.setDaemon(true);
            run.thread = t;
            run.started = clock.instant();
            long millis = Math.max(1, run.pending.task().timeout().toMillis());
            run.timeout = watchdog.schedule(() -> finish(run, null, FailureKind.TIMEOUT,
                    "trial " + run.pending.task().number() + " ran past its timeout of " + run.pending.task().timeout(), null),
                    millis, TimeUnit.MILLISECONDS);
            t.start();
        }
    }

    private void execute(Running run) {
        call(() -> run.pending.onStart().accept(run.worker));
        try {
            Evaluation evaluation = evaluator.evaluate(run.pending.task());
            finish(run, evaluation, null, null, null);
        } catch (OutOfMemoryError e) {
            finish(run, null, FailureKind.OUT_OF_MEMORY, "OutOfMemoryError: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            finish(run, null, FailureKind.CANCELLED, "interrupted", e);
        } catch (Throwable e) {
            finish(run, null, FailureKind.LEARNER_ERROR, null, e);
        }
    }

    /** Reports a trial's one result (later calls for the same trial do nothing) and frees its slot. */
    private void finish(Running run, Evaluation evaluation, FailureKind kind, String message, Throwable error) {
        if (!run.reported.compareAndSet(false, true)) {
            return;
        }
        if (run.timeout != null) {
            run.timeout.cancel(false);
        }
        Instant now = clock.instant();
        TrialTask task = run.pending.task();
        TrialResult result = evaluation != null ? TrialResult.completed(task, evaluation, run.started, now, run.worker)
                : TrialResult.failed(task, kind, describe(message, error), run.started, now, run.worker);
        if (kind == FailureKind.TIMEOUT || kind == FailureKind.CANCELLED) {
            Thread t = run.thread;
            if (t != null && t != Thread.currentThread()) {
                t.interrupt();
            }
        }
        synchronized (lock) {
            running.remove(run);
            freeWorkers.add(run.workerNumber);
            if (!closed) {
                startQueued();
            }
        }
        if (!closed || kind == FailureKind.CANCELLED) {
            call(() -> run.pending.onFinish().accept(result));
        }
    }

    @Override
    public void cancelAll() {
        List<Pending> queued;
        List<Running> active;
        synchronized (lock) {
            queued = new ArrayList<>(queue);
            queue.clear();
            active = new ArrayList<>(running);
        }
        Instant now = clock.instant();
        for (Pending p : queued) {
            call(() -> p.onFinish().accept(TrialResult.failed(p.task(), FailureKind.CANCELLED,
                    "cancelled before it started", now, now, "none")));
        }
        for (Running r : active) {
            finish(r, null, FailureKind.CANCELLED, "cancelled while running", null);
        }
    }

    @Override
    public void close() {
        cancelAll();
        closed = true;
        watchdog.shutdownNow();
    }

    private static String describe(String message, Throwable error) {
        if (error == null) {
            return message;
        }
        var text = new StringWriter();
        text.append(error.getClass().getName()).append(": ").append(String.valueOf(error.getMessage())).append('\n');
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** Runs a caller's callback; its failure must not kill a worker or the watchdog. */
    private static void call(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            System.err.println("quarry: a trial callback failed: " + e);
        }
    }
}
