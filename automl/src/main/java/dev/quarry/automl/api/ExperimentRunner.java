package dev.quarry.automl.api;

import dev.quarry.automl.cli.LibraryVersions;
import dev.quarry.automl.experiment.ExperimentListener;
import dev.quarry.automl.experiment.ExperimentLoop;
import dev.quarry.automl.experiment.Experiments;
import dev.quarry.runner.store.RunStore;
import dev.quarry.runner.store.Workspace;
import java.io.PrintStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Runs the server's experiments, each on a thread of its own (an experiment is minutes of work and
 * must never hold an event-loop or worker-pool thread), at most {@code maxRunning} at once. A
 * request reserves a slot before anything is read, so the limit holds however many requests race;
 * the slot is given back when the request fails or the experiment ends. Finished experiments stay
 * known for their event streams until {@value #KEPT_FINISHED} newer ones have finished.
 * Thread-safe.
 */
final class ExperimentRunner implements AutoCloseable {

    private static final int KEPT_FINISHED = 100;

    private final RunStore store;
    private final Workspace workspace;
    private final int maxRunning;
    private final Semaphore slots;
    private final PrintStream log;
    private final Map<String, LiveExperiment> live = new ConcurrentHashMap<>();
    private final Map<String, ExperimentLoop> loops = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final Map<String, Boolean> finishedOrder = new LinkedHashMap<>();

    ExperimentRunner(RunStore store, Workspace workspace, int maxRunning, PrintStream log) {
        this.store = store;
        this.workspace = workspace;
        this.maxRunning = maxRunning;
        this.slots = new Semaphore(maxRunning);
        this.log = log;
    }

    int maxRunning() {
        return maxRunning;
    }

    /**
     * @throws ApiException 429 if {@code maxRunning} experiments are running or being submitted
     */
    void reserve() {
        if (!slots.tryAcquire()) {
            throw new ApiException(429, "too_many_experiments", maxRunning + " experiment" + (maxRunning == 1 ? " is" : "s are")
                    + " already running (the server's --max-experiments); retry when one has finished or cancel one", null);
        }
    }

    /** Gives back a slot taken by {@link #reserve} for a request that failed. */
    void release() {
        slots.release();
    }

    /**
     * Starts a prepared experiment in the slot its request reserved.
     *
     * @param prepared the experiment, read and resolved
     * @param budgetStart when its time budget started
     * @return it, running
     */
    LiveExperiment start(Experiments.Prepared prepared, Instant budgetStart) {
        var experiment = new LiveExperiment(prepared.experiment(), budgetStart, InstantSource.system());
        String id = experiment.id();
        var freed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable free = () -> {
            if (freed.compareAndSet(false, true)) {
                loops.remove(id);
                slots.release();
            }
        };
        // The slot is given back before the event stream says "finished", so a client that submits the next
        // experiment on that event is not refused; the thread's own end frees it too if the loop threw.
        ExperimentListener releaser = new ExperimentListener() {
            @Override
            public void finished(dev.quarry.automl.experiment.ExperimentOutcome outcome) {
                free.run();
            }
        };
        ExperimentLoop loop = Experiments.loop(prepared, store, workspace, ExperimentListener.both(releaser, experiment),
                budgetStart, LibraryVersions.current());
        live.put(id, experiment);
        loops.put(id, loop);
        Thread thread = Thread.ofPlatform().name("quarry-experiment-" + id).unstarted(() -> {
            try {
                loop.run();
            } catch (Throwable t) {
                log.println("quarry serve: experiment " + id + " failed");
                t.printStackTrace(log);
                experiment.crashed(t);
                markFailed(id, t);
            } finally {
                free.run();
                threads.remove(id);
                forgetOld(id);
            }
        });
        threads.put(id, thread);
        thread.start();
        return experiment;
    }

    /** A loop that threw left its row RUNNING; the run history must not claim it still runs. */
    private void markFailed(String id, Throwable t) {
        try {
            store.experiment(id).filter(e -> e.status() == dev.quarry.runner.store.ExperimentStatus.RUNNING)
                    .ifPresent(e -> store.finishExperiment(id, dev.quarry.runner.store.ExperimentStatus.FAILED,
                            "the experiment failed: " + t, Instant.now(), null, Double.NaN));
        } catch (RuntimeException storeDown) {
            log.println("quarry serve: cannot record that experiment " + id + " failed: " + storeDown.getMessage());
        }
    }

    private synchronized void forgetOld(String id) {
        finishedOrder.put(id, Boolean.TRUE);
        while (finishedOrder.size() > KEPT_FINISHED) {
            String oldest = finishedOrder.keySet().iterator().next();
            finishedOrder.remove(oldest);
            live.remove(oldest);
        }
    }

    /** @return the experiment if this server runs or recently ran it */
    Optional<LiveExperiment> find(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /**
     * @param id an experiment
     * @return whether it was running and has been asked to stop; false once it has finished, even
     *     while its thread is still closing (its event stream has then already said how it ended)
     */
    boolean cancel(String id) {
        ExperimentLoop loop = loops.get(id);
        LiveExperiment experiment = live.get(id);
        if (loop == null || experiment == null || experiment.done()) {
            return false;
        }
        experiment.cancelRequested();
        loop.cancel();
        return true;
    }

    /** Cancels every running experiment and waits (up to a minute each) for it to save its best model. */
    @Override
    public void close() {
        loops.values().forEach(ExperimentLoop::cancel);
        for (Thread t : threads.values()) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
