package dev.quarry.runner.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import dev.quarry.runner.trial.TrialExecutor;
import dev.quarry.runner.trial.TrialJob;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.runner.worker.CallbackQueue;
import dev.quarry.runner.worker.WorkerLog;
import dev.quarry.runner.worker.WorkerMessage;
import dev.quarry.search.history.FailureKind;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs trials on the workers that join this coordinator's cluster ({@code quarry worker --join}),
 * dispatching each queued trial to the ready worker with the most free cores. Workers come and go
 * at any time; {@link #capacity()} is the cores of the ready workers (at least 1, so that an
 * experiment started before its workers queues a trial and waits for them).
 *
 * <p>A worker says hello with its cores and the datasets it has cached; it is sent the setup and,
 * only if it lacks the dataset's content hash, the file in chunks of {@value #CHUNK_BYTES} bytes.
 * Trials go out fire-and-forget on {@code quarry.worker.<id>}; results and heartbeats come back on
 * {@value #COORDINATOR}. A worker that sends no heartbeat for {@code heartbeatTimeout}, or whose
 * cluster member leaves, is lost: each of its trials is queued again first in line, up to
 * {@code maxAttempts} attempts, then reported WORKER_LOST. Past its timeout a trial is reported
 * TIMEOUT at once and the worker told to cancel it (a remote thread cannot be killed, only
 * interrupted). A result for a trial already reported is ignored. The coordinator never waits for
 * a worker: message handlers only update state under a lock and send.
 *
 * <p>Callbacks run on {@code quarry-cluster-callbacks}, in order. Owns its {@link ClusterNode} and
 * closes it in {@link #close()}. Thread-safe.
 */
public final class ClusterTrialExecutor implements TrialExecutor {

    /** Where workers send to the coordinator. */
    public static final String COORDINATOR = "quarry.coordinator";
    /** The event bus header naming the sending worker. */
    static final String WORKER_HEADER = "worker";
    static final int CHUNK_BYTES = 512 * 1024;
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final ClusterNode node;
    private final EventBus bus;
    private final String setup;
    private final Path dataFile;
    private final String sha256;
    private final int maxAttempts;
    private final Duration heartbeatTimeout;
    private final WorkerLog log;
    private final InstantSource clock;
    private final Object lock = new Object();
    private final Deque<TrialJob> queue = new ArrayDeque<>();
    /** Known workers by id, in the order they said hello. Guarded by {@link #lock}. */
    private final Map<String, Remote> workers = new LinkedHashMap<>();
    private final ScheduledThreadPoolExecutor watchdog;
    private final CallbackQueue callbacks = new CallbackQueue("quarry-cluster-callbacks");
    private final MessageConsumer<String> consumer;
    private final java.util.UUID membership;
    private boolean closed;

    /** A worker as the coordinator knows it. Fields guarded by the executor's lock. */
    private static final class Remote {
        final String id;
        final String name;
        final String nodeId;
        final int cores;
        final Set<TrialJob> running = new LinkedHashSet<>();
        boolean ready;
        Instant lastBeat;

        Remote(String id, String name, String nodeId, int cores, Instant now) {
            this.id = id;
            this.name = name;
            this.nodeId = nodeId;
            this.cores = cores;
            this.lastBeat = now;
        }

        int free() {
            return ready ? cores - running.size() : 0;
        }
    }

    /**
     * @param node the coordinator's started cluster node; closed with this executor
     * @param setup what each worker is told (see {@link RemoteSetup})
     * @param dataFile the training file, sent to workers that lack it
     * @param sha256 its content hash
     * @param maxAttempts how many times a trial may be tried when its worker is lost, at least 1
     * @param heartbeatTimeout silence after which a worker is lost
     * @param log where decisions about workers go
     * @param clock the time source
     */
    public ClusterTrialExecutor(ClusterNode node, String setup, Path dataFile, String sha256, int maxAttempts,
            Duration heartbeatTimeout, WorkerLog log, InstantSource clock) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("`maxAttempts >= 1` must hold, got " + maxAttempts);
        }
        this.node = Objects.requireNonNull(node, "node");
        this.bus = node.vertx().eventBus();
        this.setup = setup;
        this.dataFile = dataFile;
        this.sha256 = sha256;
        this.maxAttempts = maxAttempts;
        this.heartbeatTimeout = heartbeatTimeout;
        this.log = log;
        this.clock = clock;
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "quarry-cluster-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setRemoveOnCancelPolicy(true);
        long beatMillis = Math.max(100, heartbeatTimeout.toMillis() / 4);
        watchdog.scheduleWithFixedDelay(this::checkHeartbeats, beatMillis, beatMillis, TimeUnit.MILLISECONDS);
        this.consumer = bus.consumer(COORDINATOR, this::onMessage);
        this.membership = node.hazelcast().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                nodeLeft(ClusterNode.nodeId(event.getMember()));
            }
        });
    }

    /** @return the cores of the ready workers, at least 1 */
    @Override
    public int capacity() {
        synchronized (lock) {
            return Math.max(1, workers.values().stream().filter(w -> w.ready).mapToInt(w -> w.cores).sum());
        }
    }

    @Override
    public void submit(TrialTask task, Consumer<String> onStart, Consumer<TrialResult> onFinish) {
        var job = new TrialJob(task, onStart, onFinish, maxAttempts);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("executor is closed; trial " + task.number() + " was not queued");
            }
            queue.add(job);
            dispatch();
        }
    }

    /** Hands queued trials to the ready workers with the most free cores. Holds the lock. */
    private void dispatch() {
        while (!closed && !queue.isEmpty()) {
            Remote w = workers.values().stream().filter(r -> r.free() > 0)
                    .max(Comparator.comparingInt(Remote::free)).orElse(null);
            if (w == null) {
                return;
            }
            TrialJob job = queue.poll();
            w.running.add(job);
            job.begin(w.name, clock.instant(), watchdog.schedule(() -> timedOut(w, job),
                    Math.max(1, job.task().timeout().toMillis()), TimeUnit.MILLISECONDS), callbacks);
            send(w, WorkerMessage.Trial.of(job.task()));
        }
    }

    private void send(Remote w, WorkerMessage message) {
        bus.send(ClusterWorker.address(w.id), WorkerMessage.encode(message));
    }

    private void onMessage(Message<String> message) {
        String id = message.headers().get(WORKER_HEADER);
        WorkerMessage m;
        try {
            m = WorkerMessage.decode(message.body());
        } catch (IllegalArgumentException e) {
            log.line(String.valueOf(id), -1, e.getMessage());
            return;
        }
        synchronized (lock) {
            if (closed || id == null) {
                return;
            }
            Remote w = workers.get(id);
            switch (m) {
                case WorkerMessage.Hello h -> {
                    if (w == null) {
                        hello(id, h);
                    }
                }
                case WorkerMessage.Ready r -> {
                    if (w != null && !w.ready) {
                        w.ready = true;
                        log.line(w.name, -1, w.name + " is ready with " + w.cores + " cores");
                        dispatch();
                    }
                }
                case WorkerMessage.SetupFailed f -> {
                    if (w != null) {
                        f.error().lines().forEach(l -> log.line(w.name, -1, l));
                        lost(w, "its setup failed: " + f.error().lines().findFirst().orElse(""));
                    }
                }
                case WorkerMessage.Heartbeat b -> {
                    if (w != null) {
                        w.lastBeat = clock.instant();
                    }
                }
                case WorkerMessage.Result r -> {
                    if (w != null) {
                        w.lastBeat = clock.instant();
                        result(w, r);
                    }
                }
                default -> log.line(w == null ? id : w.name, -1, "unexpected message: " + message.body());
            }
        }
    }

    /** Holds the lock. */
    private void hello(String id, WorkerMessage.Hello h) {
        var w = new Remote(id, h.name(), h.nodeId(), Math.max(1, h.cores()), clock.instant());
        workers.put(id, w);
        boolean cached = h.cached().contains(sha256);
        log.line(w.name, -1, w.name + " joined with " + w.cores + " cores" + (cached ? "; it has the dataset cached"
                : "; sending the dataset"));
        long size;
        try {
            size = Files.size(dataFile);
        } catch (IOException e) {
            size = -1;
        }
        send(w, new WorkerMessage.DataSetup(setup, sha256, size, node.nodeId()));
        if (!cached) {
            // Read off the event loop; the chunks follow the setup on the same connection, in order.
            watchdog.execute(() -> sendData(w));
        }
    }

    private void sendData(Remote w) {
        try (InputStream in = Files.newInputStream(dataFile)) {
            long offset = 0;
            byte[] buffer = new byte[CHUNK_BYTES];
            while (true) {
                int n = in.readNBytes(buffer, 0, buffer.length);
                boolean last = n < buffer.length;
                send(w, new WorkerMessage.DataChunk(sha256, offset, Arrays.copyOf(buffer, n), last));
                offset += n;
                if (last) {
                    return;
                }
            }
        } catch (IOException e) {
            log.line(w.name, -1, "cannot send " + dataFile + ": " + e.getMessage());
        }
    }

    /** Holds the lock. */
    private void result(Remote w, WorkerMessage.Result r) {
        TrialJob job = w.running.stream().filter(j -> j.number() == r.number()).findFirst().orElse(null);
        if (job == null || job.reported()) {
            return; // a second copy, a late result after a timeout, or from an attempt already given up
        }
        w.running.remove(job);
        Instant now = clock.instant();
        if (r.failure() == null) {
            job.completed(r.evaluation(), w.name, now, callbacks);
        } else {
            job.failed(r.failure(), r.error(), w.name, now, callbacks);
        }
        dispatch();
    }

    private void checkHeartbeats() {
        synchronized (lock) {
            Instant limit = clock.instant().minus(heartbeatTimeout);
            for (Remote w : List.copyOf(workers.values())) {
                if (w.lastBeat.isBefore(limit)) {
                    lost(w, "no heartbeat for " + heartbeatTimeout.toMillis() + " ms");
                }
            }
        }
    }

    private void nodeLeft(String nodeId) {
        synchronized (lock) {
            for (Remote w : List.copyOf(workers.values())) {
                if (w.nodeId.equals(nodeId)) {
                    lost(w, "it left the cluster");
                }
            }
        }
    }

    /** Forgets a worker and queues its trials again (or gives them up). Holds the lock. */
    private void lost(Remote w, String why) {
        if (workers.remove(w.id) == null || closed) {
            return;
        }
        log.line(w.name, -1, w.name + " was lost: " + why);
        Instant now = clock.instant();
        var again = new ArrayList<TrialJob>();
        for (TrialJob job : w.running) {
            if (job.lost(w.name, why, true, now, callbacks)) {
                log.line(w.name, job.number(), job.requeuedText(w.name, why));
                again.add(job);
            }
        }
        w.running.clear();
        for (int i = again.size() - 1; i >= 0; i--) {
            queue.addFirst(again.get(i));
        }
        dispatch();
    }

    private void timedOut(Remote w, TrialJob job) {
        synchronized (lock) {
            if (job.reported() || !w.running.remove(job)) {
                return;
            }
            send(w, new WorkerMessage.Cancel(job.number()));
            job.failed(FailureKind.TIMEOUT, "trial " + job.number() + " ran past its timeout of " + job.task().timeout()
                    + " on " + w.name, w.name, clock.instant(), callbacks);
            dispatch();
        }
    }

    @Override
    public void cancelAll() {
        synchronized (lock) {
            Instant now = clock.instant();
            TrialJob.cancelQueued(queue, now, callbacks);
            for (Remote w : workers.values()) {
                for (TrialJob job : w.running) {
                    send(w, new WorkerMessage.Cancel(job.number()));
                    job.failed(FailureKind.CANCELLED, "cancelled while running", w.name, now, callbacks);
                }
                w.running.clear();
            }
        }
    }

    /**
     * Cancels what is left, leaves the cluster (workers notice the coordinator's member leave and
     * exit) and waits for the callbacks already queued. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            cancelAll();
            closed = true;
        }
        watchdog.shutdownNow();
        node.hazelcast().getCluster().removeMembershipListener(membership);
        consumer.unregister();
        node.close();
        callbacks.close(CLOSE_WAIT_SECONDS);
    }

    /** @return the node this executor runs on, e.g. for its address */
    public ClusterNode node() {
        return node;
    }

    /** For tests and the console: header for worker messages. */
    static DeliveryOptions from(String workerId) {
        return new DeliveryOptions().addHeader(WORKER_HEADER, workerId);
    }
}
