package dev.quarry.runner.process;

import dev.quarry.runner.trial.TrialExecutor;
import dev.quarry.runner.trial.TrialJob;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.runner.worker.CallbackQueue;
import dev.quarry.runner.worker.WorkerLog;
import dev.quarry.runner.worker.WorkerLoop;
import dev.quarry.runner.worker.WorkerMessage;
import dev.quarry.search.history.FailureKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs trials in {@code workers} worker JVMs, one trial per JVM at a time, named {@code process-1}
 * to {@code process-<workers>} by slot. Each JVM gets the setup text once (it loads and checks the
 * dataset itself) and then one {@link WorkerMessage.Trial} per trial; queued trials start in
 * submission order.
 *
 * <p>Failures, each ending the JVM concerned and starting a fresh one in its slot when work is waiting:
 * <ul>
 *   <li>past its timeout, a trial is reported TIMEOUT at once and its JVM killed;</li>
 *   <li>a JVM that exits with code 3 (out of memory: {@code -XX:+ExitOnOutOfMemoryError}, or an
 *       {@link OutOfMemoryError} the worker caught) ends its trial as OUT_OF_MEMORY;</li>
 *   <li>a JVM that dies otherwise loses its trial, which is queued again first in line, up to
 *       {@code maxAttempts} attempts in all; after the last it is reported WORKER_LOST;</li>
 *   <li>{@value #START_FAILURES_TO_GIVE_UP} JVMs in a row that die before they are ready (a bad
 *       setup, missing data) fail every queued and later trial as WORKER_LOST with the reason, so a
 *       broken set-up ends the experiment instead of stalling it.</li>
 * </ul>
 * A result that arrives for a trial already reported (a second copy, a result racing its timeout)
 * is ignored: exactly one {@code onFinish} per task. A trial that is re-queued gets a second
 * {@code onStart} naming its new worker.
 *
 * <p>Callbacks run on one executor thread, {@code quarry-process-callbacks}, in the order the
 * events were decided, so a task's {@code onStart} always comes before its {@code onFinish}. A
 * callback that throws is reported on stderr and changes nothing else. {@link #close()} kills
 * every worker JVM and waits for the callbacks already queued. Thread-safe.
 */
public final class ProcessTrialExecutor implements TrialExecutor {

    /** Consecutive workers that die before they are ready after which the executor gives up. */
    static final int START_FAILURES_TO_GIVE_UP = 3;
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final WorkerJvm command;
    private final String setup;
    private final int maxAttempts;
    private final WorkerLog log;
    private final InstantSource clock;
    private final Object lock = new Object();
    private final Deque<TrialJob> queue = new ArrayDeque<>();
    /** The live worker of each slot, or null. Guarded by {@link #lock}. */
    private final Worker[] slots;
    private final ScheduledThreadPoolExecutor watchdog;
    private final CallbackQueue callbacks = new CallbackQueue("quarry-process-callbacks");
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** Why workers cannot start, once {@value #START_FAILURES_TO_GIVE_UP} in a row failed; guarded by {@link #lock}. */
    private String broken;
    /** Guarded by {@link #lock}. */
    private int startFailures;

    /** One worker JVM. Fields guarded by the executor's lock. */
    private static final class Worker {
        final int slot;
        final String name;
        final Process process;
        final PrintWriter stdin;
        boolean ready;
        /** Set once the JVM is known to be ending (it reported an out-of-memory error). */
        boolean retiring;
        TrialJob job;
        int lastTrial = -1;
        String setupError;

        Worker(int slot, Process process) {
            this.slot = slot;
            this.name = "process-" + (slot + 1);
            this.process = process;
            this.stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), false);
        }
    }

    /**
     * Starts the worker JVMs at once, so that they load the data while the coordinator gets ready.
     *
     * @param workers how many JVMs, at least 1
     * @param command how to start one
     * @param setup what each is told first (see {@link dev.quarry.runner.worker.WorkerSetup})
     * @param maxAttempts how many times a trial may be tried when its worker dies, at least 1
     * @param log where worker output and executor decisions go
     * @param clock the time source for start and end times
     */
    public ProcessTrialExecutor(int workers, WorkerJvm command, String setup, int maxAttempts, WorkerLog log,
            InstantSource clock) {
        if (workers < 1) {
            throw new IllegalArgumentException("`workers >= 1` must hold, got " + workers);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("`maxAttempts >= 1` must hold, got " + maxAttempts);
        }
        this.command = Objects.requireNonNull(command, "command");
        this.setup = Objects.requireNonNull(setup, "setup");
        this.maxAttempts = maxAttempts;
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.slots = new Worker[workers];
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "quarry-process-watchdog"));
        watchdog.setRemoveOnCancelPolicy(true);
        synchronized (lock) {
            for (int i = 0; i < workers; i++) {
                start(i);
            }
        }
    }

    @Override
    public int capacity() {
        return slots.length;
    }

    @Override
    public void submit(TrialTask task, Consumer<String> onStart, Consumer<TrialResult> onFinish) {
        var job = new TrialJob(task, onStart, onFinish, maxAttempts);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("executor is closed; trial " + task.number() + " was not queued");
            }
            if (broken != null) {
                job.failedQueued(FailureKind.WORKER_LOST, broken, clock.instant(), callbacks);
                return;
            }
            queue.add(job);
            dispatch();
        }
    }

    /** Starts workers that waiting trials need, then hands queued trials to ready ones. Holds the lock. */
    private void dispatch() {
        if (closed || broken != null) {
            return;
        }
        int available = 0;
        for (Worker w : slots) {
            if (w != null && w.job == null && !w.retiring) {
                available++;
            }
        }
        for (int i = 0; i < slots.length && queue.size() > available; i++) {
            if (slots[i] == null) {
                start(i);
                available++;
            }
        }
        for (Worker w : slots) {
            if (queue.isEmpty()) {
                return;
            }
            if (w != null && w.ready && w.job == null && !w.retiring) {
                assign(w, queue.poll());
            }
        }
    }

    private void assign(Worker w, TrialJob job) {
        w.job = job;
        w.lastTrial = job.number();
        long millis = Math.max(1, job.task().timeout().toMillis());
        job.begin(w.name, clock.instant(), watchdog.schedule(() -> timedOut(w, job), millis, TimeUnit.MILLISECONDS),
                callbacks);
        // A write to a dead JVM fails silently here; its exit is noticed by the output reader and handled there.
        w.stdin.println(WorkerLoop.PREFIX + WorkerMessage.encode(WorkerMessage.Trial.of(job.task())));
        w.stdin.flush();
    }

    /** Starts a JVM in an empty slot. Holds the lock. */
    private void start(int slot) {
        Process process;
        try {
            process = new ProcessBuilder(command.command()).start();
        } catch (IOException e) {
            startFailed("cannot start a worker: " + e.getMessage() + " (command " + command.command().getFirst() + ")");
            return;
        }
        var w = new Worker(slot, process);
        slots[slot] = w;
        w.stdin.println(WorkerLoop.PREFIX + WorkerMessage.encode(new WorkerMessage.Setup(setup)));
        w.stdin.flush();
        log.line(w.name, -1, "started worker JVM pid " + process.pid());
        daemon(() -> readOutput(w), "quarry-" + w.name + "-out").start();
        daemon(() -> readErrors(w), "quarry-" + w.name + "-err").start();
    }

    private void readOutput(Worker w) {
        try (var in = reader(w.process.getInputStream())) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(WorkerLoop.PREFIX)) {
                    onMessage(w, line.substring(WorkerLoop.PREFIX.length()));
                } else {
                    log.line(w.name, lastTrial(w), line);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.line(w.name, lastTrial(w), "cannot read the worker's output: " + e);
        }
        int code;
        try {
            code = w.process.waitFor();
        } catch (InterruptedException e) {
            code = -1;
        }
        onExit(w, code);
    }

    private void readErrors(Worker w) {
        try (var in = reader(w.process.getErrorStream())) {
            for (String line; (line = in.readLine()) != null; ) {
                log.line(w.name, lastTrial(w), line);
            }
        } catch (IOException e) {
            // The JVM is gone; its exit is handled by the output reader.
        }
    }

    private int lastTrial(Worker w) {
        synchronized (lock) {
            return w.lastTrial;
        }
    }

    private void onMessage(Worker w, String json) {
        WorkerMessage message = WorkerMessage.decode(json);
        synchronized (lock) {
            switch (message) {
                case WorkerMessage.Ready r -> {
                    if (slots[w.slot] == w) {
                        w.ready = true;
                        startFailures = 0;
                        log.line(w.name, -1, w.name + " is ready (pid " + r.pid() + ")");
                        dispatch();
                    }
                }
                case WorkerMessage.SetupFailed f -> {
                    w.setupError = f.error().lines().findFirst().orElse(f.error());
                    f.error().lines().forEach(l -> log.line(w.name, -1, l));
                }
                case WorkerMessage.Result r -> onResult(w, r);
                default -> log.line(w.name, w.lastTrial, "unexpected message from the worker: " + json);
            }
        }
    }

    /** Holds the lock. */
    private void onResult(Worker w, WorkerMessage.Result r) {
        TrialJob job = w.job;
        if (job == null || job.number() != r.number() || job.reported()) {
            return; // a second copy, or a result that lost its race with the timeout: already reported
        }
        w.job = null;
        w.retiring = r.failure() == FailureKind.OUT_OF_MEMORY;
        Instant now = clock.instant();
        if (r.failure() == null) {
            job.completed(r.evaluation(), w.name, now, callbacks);
        } else {
            job.failed(r.failure(), r.error(), w.name, now, callbacks);
        }
        dispatch();
    }

    private void onExit(Worker w, int code) {
        synchronized (lock) {
            if (slots[w.slot] != w) {
                return; // killed by this executor, which already dealt with its trial
            }
            slots[w.slot] = null;
            TrialJob job = w.job;
            w.job = null;
            if (closed) {
                return;
            }
            if (!w.ready) {
                startFailed(w.name + " exited with code " + code + " before it was ready"
                        + (w.setupError != null ? ": " + w.setupError : ""));
            }
            if (job != null && !job.reported()) {
                Instant now = clock.instant();
                String why = "exit code " + code;
                if (code == WorkerLoop.OUT_OF_MEMORY_EXIT) {
                    job.failed(FailureKind.OUT_OF_MEMORY, "java.lang.OutOfMemoryError: " + w.name
                            + " ran out of heap and exited (code " + code + ")", w.name, now, callbacks);
                } else if (job.lost(w.name, why, broken == null, now, callbacks)) {
                    log.line(w.name, job.number(), job.requeuedText(w.name, why));
                    queue.addFirst(job);
                }
            } else if (code != 0) {
                log.line(w.name, w.lastTrial, w.name + " exited with code " + code);
            }
            dispatch();
        }
    }

    /** Holds the lock. */
    private void startFailed(String reason) {
        log.line("process", -1, reason);
        if (++startFailures < START_FAILURES_TO_GIVE_UP || broken != null) {
            return;
        }
        broken = "worker processes cannot start (" + startFailures + " in a row): " + reason;
        Instant now = clock.instant();
        for (TrialJob job : queue) {
            job.failedQueued(FailureKind.WORKER_LOST, broken, now, callbacks);
        }
        queue.clear();
    }

    private void timedOut(Worker w, TrialJob job) {
        synchronized (lock) {
            if (job.reported() || w.job != job) {
                return;
            }
            w.job = null;
            kill(w);
            job.failed(FailureKind.TIMEOUT, "trial " + job.number() + " ran past its timeout of " + job.task().timeout()
                    + "; " + w.name + " (pid " + w.process.pid() + ") was killed", w.name, clock.instant(), callbacks);
            dispatch();
        }
    }

    /** Kills a worker JVM and frees its slot. Holds the lock. */
    private void kill(Worker w) {
        if (slots[w.slot] == w) {
            slots[w.slot] = null;
        }
        w.process.destroyForcibly();
    }

    @Override
    public void cancelAll() {
        synchronized (lock) {
            Instant now = clock.instant();
            TrialJob.cancelQueued(queue, now, callbacks);
            for (Worker w : slots) {
                if (w != null && w.job != null) {
                    TrialJob job = w.job;
                    w.job = null;
                    kill(w);
                    job.failed(FailureKind.CANCELLED, "cancelled while running", w.name, now, callbacks);
                }
            }
        }
    }

    /**
     * Cancels what is left, kills every worker JVM (waiting briefly for them to go) and waits for the
     * callbacks already queued, so that none is called after this returns. Idempotent.
     */
    @Override
    public void close() {
        List<Process> processes = new ArrayList<>();
        synchronized (lock) {
            cancelAll();
            closed = true;
            for (Worker w : slots) {
                if (w != null) {
                    processes.add(w.process);
                    kill(w);
                }
            }
        }
        watchdog.shutdownNow();
        for (Process p : processes) {
            try {
                p.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        callbacks.close(CLOSE_WAIT_SECONDS);
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
