package dev.quarry.runner.trial;

import java.util.function.Consumer;

/**
 * Runs trials on some workers, on the coordinator's behalf.
 *
 * <p>Contract: for every submitted task, {@code onStart} is called once when a worker takes it and
 * {@code onFinish} exactly once when it ends, completed, failed, timed out or cancelled; both on an
 * executor thread, never on the caller's. A remote executor that loses a worker and queues its trial
 * again calls {@code onStart} once more, naming the new worker; every {@code onStart} of a task comes
 * before its {@code onFinish}. A trial that outlives its timeout is reported as TIMEOUT
 * no later than shortly after the limit, whether or not its worker stops. After {@link #close()}
 * returns, no callback is called again.
 */
public interface TrialExecutor extends AutoCloseable {

    /** @return how many trials can run at once */
    int capacity();

    /**
     * Queues a task. Never blocks on the trial itself.
     *
     * @param task the trial
     * @param onStart called with the worker's name when the trial starts
     * @param onFinish called with the result when it ends
     */
    void submit(TrialTask task, Consumer<String> onStart, Consumer<TrialResult> onFinish);

    /**
     * Cancels every queued and running trial; each gets one FAILED result of kind CANCELLED
     * (unless it already finished). Returns without waiting for workers to stop.
     */
    void cancelAll();

    /** Cancels what is left and releases workers. */
    @Override
    void close();
}
