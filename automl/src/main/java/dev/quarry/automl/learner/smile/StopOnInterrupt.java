package dev.quarry.automl.learner.smile;

import java.util.concurrent.CancellationException;
import smile.util.IterativeAlgorithmController;

/**
 * A Smile training controller that ends a fit once the thread that started it is interrupted: Smile's
 * forests and boosted trees hand it a status after every tree, and {@link #submit} then throws.
 * Random forests grow their trees on the common fork-join pool, so the fitting thread's interrupt never
 * reaches them otherwise; a cancelled or timed-out trial's thread is abandoned by the local executor,
 * and without this its fit kept cores busy into the ensembles and refits after the search.
 *
 * <p>One controller per fit, created on the fitting thread. Statuses go to no subscriber, and the
 * publisher runs on the submitting thread (no thread pool of its own to shut down).
 *
 * @param <T> Smile's training status type
 */
final class StopOnInterrupt<T> extends IterativeAlgorithmController<T> {

    private final Thread owner = Thread.currentThread();
    private final String what;

    /** @param what the fit, for the exception's message */
    StopOnInterrupt(String what) {
        super(Runnable::run, 1);
        this.what = what;
    }

    /**
     * @throws CancellationException if the thread that created this controller is interrupted (its
     *     interrupt status stays set)
     */
    @Override
    public void submit(T status) {
        if (owner.isInterrupted()) {
            stop();
            throw new CancellationException(what + " fit interrupted");
        }
    }
}
