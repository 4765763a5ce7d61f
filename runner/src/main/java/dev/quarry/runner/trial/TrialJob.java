package dev.quarry.runner.trial;

import dev.quarry.search.history.FailureKind;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One submitted task across its attempts, as an executor that hands trials to workers keeps it:
 * how many attempts it has had, when the current one started, its timeout, and whether its one
 * result has been reported. It enforces the executors' two promises: exactly one {@code onFinish}
 * per task (every report after the first is refused), and a trial whose worker is lost is tried
 * again up to {@code maxAttempts} attempts in all, then reported WORKER_LOST.
 *
 * <p>Callbacks are never run here: they are handed, in the order decided, to the executor's
 * callback executor, so that a task's {@code onStart} always comes before its {@code onFinish}.
 * Not thread-safe: the owning executor calls it under its lock.
 */
public final class TrialJob {

    private final TrialTask task;
    private final Consumer<String> onStart;
    private final Consumer<TrialResult> onFinish;
    private final int maxAttempts;
    private int attempts;
    private boolean reported;
    private Instant started;
    private ScheduledFuture<?> timeout;

    /**
     * @param task the task
     * @param onStart called with the worker's name when an attempt starts
     * @param onFinish called once with the result
     * @param maxAttempts attempts allowed when workers are lost, at least 1
     */
    public TrialJob(TrialTask task, Consumer<String> onStart, Consumer<TrialResult> onFinish, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("`maxAttempts >= 1` must hold, got " + maxAttempts);
        }
        this.task = Objects.requireNonNull(task, "task");
        this.onStart = Objects.requireNonNull(onStart, "onStart");
        this.onFinish = Objects.requireNonNull(onFinish, "onFinish");
        this.maxAttempts = maxAttempts;
    }

    /** @return the task */
    public TrialTask task() {
        return task;
    }

    /** @return the trial number */
    public int number() {
        return task.number();
    }

    /** @return attempts started so far */
    public int attempts() {
        return attempts;
    }

    /** @return whether its one result has been reported */
    public boolean reported() {
        return reported;
    }

    /** @return when the current (or last) attempt started; null before the first */
    public Instant started() {
        return started;
    }

    /**
     * Starts an attempt: counts it, stamps its start, keeps its timeout (cancelled when the job is
     * reported or queued again) and queues {@code onStart(worker)}.
     *
     * @param worker the worker's name
     * @param now the start time
     * @param timeout the scheduled timeout of this attempt
     * @param callbacks where callbacks run
     */
    public void begin(String worker, Instant now, ScheduledFuture<?> timeout, Executor callbacks) {
        attempts++;
        started = now;
        this.timeout = timeout;
        callbacks.execute(() -> onStart.accept(worker));
    }

    /**
     * Reports the trial's result, once.
     *
     * @param result the result
     * @param callbacks where callbacks run
     * @return false if a result was reported already (a second copy, a result racing its timeout),
     *     which is then dropped
     */
    public boolean report(TrialResult result, Executor callbacks) {
        if (reported) {
            return false;
        }
        reported = true;
        cancelTimeout();
        callbacks.execute(() -> onFinish.accept(result));
        return true;
    }

    /**
     * Reports the current attempt as completed.
     *
     * @return as {@link #report}
     */
    public boolean completed(Evaluation evaluation, String worker, Instant now, Executor callbacks) {
        return report(TrialResult.completed(task, evaluation, started, now, worker), callbacks);
    }

    /**
     * Reports the current attempt as failed, from its start until now.
     *
     * @return as {@link #report}
     */
    public boolean failed(FailureKind kind, String error, String worker, Instant now, Executor callbacks) {
        return report(TrialResult.failed(task, kind, error, started, now, worker), callbacks);
    }

    /**
     * Reports a trial that never reached a worker (or is waiting to again) as failed at {@code now},
     * on worker {@code none}.
     *
     * @return as {@link #report}
     */
    public boolean failedQueued(FailureKind kind, String error, Instant now, Executor callbacks) {
        return report(TrialResult.failed(task, kind, error, now, now, "none"), callbacks);
    }

    /**
     * Reports every job of a queue as {@link FailureKind#CANCELLED} before it started and empties the
     * queue: the first half of every executor's {@code cancelAll}.
     *
     * @param queue the jobs waiting for a worker
     * @param now when they were cancelled
     * @param callbacks where callbacks run
     */
    public static void cancelQueued(java.util.Collection<TrialJob> queue, Instant now, Executor callbacks) {
        for (TrialJob job : queue) {
            job.failedQueued(FailureKind.CANCELLED, "cancelled before it started", now, callbacks);
        }
        queue.clear();
    }

    /**
     * The worker of the current attempt was lost. If attempts remain and {@code mayRetry}, the
     * attempt's timeout is cancelled and the caller queues the job again; otherwise the job is
     * reported WORKER_LOST with {@link #lostText}.
     *
     * @param worker the lost worker's name
     * @param why why it was lost, e.g. {@code exit code 137}
     * @param mayRetry false if the executor can run nothing more (its workers cannot start)
     * @param now when it was noticed
     * @param callbacks where callbacks run
     * @return true if the caller must queue the job again (first in line)
     */
    public boolean lost(String worker, String why, boolean mayRetry, Instant now, Executor callbacks) {
        if (reported) {
            return false;
        }
        if (mayRetry && attempts < maxAttempts) {
            cancelTimeout();
            return true;
        }
        failed(FailureKind.WORKER_LOST, lostText(worker, why) + " of " + maxAttempts, worker, now, callbacks);
        return false;
    }

    /**
     * @param worker the lost worker's name
     * @param why why it was lost
     * @return the sentence logs and failures use, e.g. {@code process-1 was lost (exit code 137) during attempt 1}
     */
    public String lostText(String worker, String why) {
        return worker + " was lost (" + why + ") during attempt " + attempts;
    }

    /**
     * @param worker the lost worker's name
     * @param why why it was lost
     * @return the log line for a job queued again after its worker was lost
     */
    public String requeuedText(String worker, String why) {
        return lostText(worker, why) + " of trial " + task.number() + "; queued again (at most " + maxAttempts
                + " attempts)";
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}
