package dev.quarry.runner.worker;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one thread a remote executor runs its callbacks on, in the order they were queued, so that a
 * trial's {@code onStart} always comes before its {@code onFinish} and no callback runs on a caller's
 * or an I/O thread. A callback that throws is reported on stderr; the thread goes on. As an
 * {@link Executor}, {@code execute} is {@link #deliver}. Thread-safe.
 */
public final class CallbackQueue implements Executor {

    private final ExecutorService executor;
    private volatile Thread thread;

    /** @param name the thread's name */
    public CallbackQueue(String name) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /**
     * Queues a callback. After {@link #close} it is dropped: executors report every task before closing.
     *
     * @param callback the callback
     */
    public void deliver(Runnable callback) {
        try {
            executor.execute(() -> {
                try {
                    callback.run();
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable e) {
                    System.err.println("quarry: a trial callback failed: " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed: every task was already reported before the queue was closed.
        }
    }

    @Override
    public void execute(Runnable callback) {
        deliver(callback);
    }

    /**
     * Stops taking callbacks and waits for the queued ones, unless called from a callback (which
     * would wait for itself; those behind it run once it returns).
     *
     * @param seconds how long to wait at most
     */
    public void close(long seconds) {
        executor.shutdown();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!executor.awaitTermination(seconds, TimeUnit.SECONDS)) {
                System.err.println("quarry: closed an executor with callbacks still running after " + seconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
