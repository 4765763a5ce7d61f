package dev.quarry.runner.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import dev.quarry.runner.trial.Evaluation;
import dev.quarry.runner.trial.Failures;
import dev.quarry.runner.trial.TrialEvaluator;
import dev.quarry.runner.worker.WorkerMessage;
import dev.quarry.search.history.FailureKind;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * A worker that joins a coordinator's cluster ({@code quarry worker --join}) and runs up to
 * {@code cores} trials at once, each on its own daemon thread. It says hello every second until it
 * is set up, then beats every second; it receives the dataset by content hash and keeps it in its
 * cache folder ({@code <sha256>.csv}), so a later experiment on the same data sends nothing. It
 * exits when the coordinator's cluster member leaves (the experiment ended or its process died).
 * Event bus handlers only hand work to threads: they never block the event loop.
 */
public final class ClusterWorker {

    /** Heartbeat and hello interval. */
    static final long BEAT_MILLIS = 1000;

    private final ClusterNode node;
    private final EventBus bus;
    private final String id = UUID.randomUUID().toString();
    private final String name;
    private final int cores;
    private final Path cache;
    private final RemoteSetup setup;
    private final PrintStream log;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Map<Integer, Thread> running = new ConcurrentHashMap<>();
    private volatile TrialEvaluator evaluator;
    private volatile WorkerMessage.DataSetup pending;
    private volatile String coordinatorNode;
    private volatile boolean setUp;
    private OutputStream partial;
    private MessageDigest partialDigest;

    private ClusterWorker(ClusterNode node, String name, int cores, Path cache, RemoteSetup setup, PrintStream log) {
        this.node = node;
        this.bus = node.vertx().eventBus();
        this.name = name;
        this.cores = cores;
        this.cache = cache;
        this.setup = setup;
        this.log = log;
    }

    /**
     * @param workerId a worker's id
     * @return the address it takes messages on
     */
    static String address(String workerId) {
        return "quarry.worker." + workerId;
    }

    /**
     * Joins the coordinator's cluster and serves it until the coordinator leaves.
     *
     * @param join the coordinator's {@code host:port}
     * @param bindHost the address this worker binds and advertises
     * @param cores trials at once, at least 1
     * @param name this worker's name in logs and the run history
     * @param cache the dataset cache folder
     * @param setup builds the evaluator from the setup text and the cached data file
     * @param log where the worker reports what it does (stderr)
     * @return the exit code: 0 when the coordinator left, 2 if there was no coordinator to join
     */
    public static int serve(String join, String bindHost, int cores, String name, Path cache, RemoteSetup setup,
            PrintStream log) throws InterruptedException {
        if (cores < 1) {
            throw new IllegalArgumentException("`cores >= 1` must hold, got " + cores);
        }
        int port = Integer.parseInt(join.substring(join.lastIndexOf(':') + 1));
        ClusterNode node = ClusterNode.start(bindHost, port + 1, true, List.of(join));
        try {
            if (node.hazelcast().getCluster().getMembers().size() < 2) {
                log.println("quarry worker: no coordinator at " + join + " (this node formed a cluster alone)");
                return 2;
            }
            var worker = new ClusterWorker(node, name, cores, cache, setup, log);
            worker.start();
            worker.done.await();
            return 0;
        } finally {
            node.close();
        }
    }

    private void start() {
        log.println("quarry worker " + name + ": joined the cluster at " + node.address() + " with " + cores + " cores");
        bus.<String>consumer(address(id), this::onMessage);
        node.hazelcast().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                if (ClusterNode.nodeId(event.getMember()).equals(coordinatorNode)) {
                    log.println("quarry worker " + name + ": the coordinator left; exiting");
                    done.countDown();
                }
            }
        });
        node.vertx().setPeriodic(0, BEAT_MILLIS, t -> beat());
    }

    private void beat() {
        if (!setUp) {
            send(new WorkerMessage.Hello(name, cores, node.nodeId(), cachedHashes()));
        } else {
            send(new WorkerMessage.Heartbeat(name, List.copyOf(running.keySet())));
        }
    }

    private void send(WorkerMessage message) {
        bus.send(ClusterTrialExecutor.COORDINATOR, WorkerMessage.encode(message), ClusterTrialExecutor.from(id));
    }

    private void onMessage(Message<String> message) {
        WorkerMessage m = WorkerMessage.decode(message.body());
        switch (m) {
            case WorkerMessage.DataSetup s -> {
                if (pending != null) {
                    return;
                }
                pending = s;
                coordinatorNode = s.coordinatorNode();
                setUp = true;
                if (Files.isRegularFile(cached(s.sha256()))) {
                    openLater(s);
                }
            }
            case WorkerMessage.DataChunk c -> chunk(c);
            case WorkerMessage.Trial t -> {
                Thread thread = new Thread(() -> run(t), "quarry-trial-" + t.number());
                thread.setDaemon(true);
                running.put(t.number(), thread);
                thread.start();
            }
            case WorkerMessage.Cancel c -> {
                Thread thread = running.remove(c.number());
                if (thread != null) {
                    thread.interrupt();
                }
            }
            default -> log.println("quarry worker " + name + ": unexpected message " + message.body());
        }
    }

    /** Appends a chunk to the partial file; at the last one, checks the hash and moves it into the cache. */
    private void chunk(WorkerMessage.DataChunk c) {
        try {
            if (partial == null) {
                Files.createDirectories(cache);
                partial = Files.newOutputStream(partialFile(c.sha256()), StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                partialDigest = MessageDigest.getInstance("SHA-256");
            }
            partial.write(c.bytes());
            partialDigest.update(c.bytes());
            if (!c.last()) {
                return;
            }
            partial.close();
            partial = null;
            String got = HexFormat.of().formatHex(partialDigest.digest());
            if (!got.equals(c.sha256())) {
                send(new WorkerMessage.SetupFailed("the dataset arrived with SHA-256 " + got + ", expected " + c.sha256()));
                return;
            }
            Files.move(partialFile(c.sha256()), cached(c.sha256()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            log.println("quarry worker " + name + ": cached dataset " + c.sha256());
            openLater(pending);
        } catch (IOException e) {
            send(new WorkerMessage.SetupFailed("cannot cache the dataset in " + cache + ": " + e.getMessage()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Reads the data and builds the evaluator off the event loop, then says it is ready. */
    private void openLater(WorkerMessage.DataSetup s) {
        Thread t = new Thread(() -> {
            try {
                evaluator = setup.open(s.text(), cached(s.sha256()));
                send(new WorkerMessage.Ready(ProcessHandle.current().pid(), cores));
                log.println("quarry worker " + name + ": ready");
            } catch (Exception | LinkageError e) {
                send(new WorkerMessage.SetupFailed(Failures.describe(e)));
            }
        }, "quarry-worker-setup");
        t.setDaemon(true);
        t.start();
    }

    private void run(WorkerMessage.Trial trial) {
        WorkerMessage.Result result;
        try {
            Evaluation e = evaluator.evaluate(trial.task());
            result = WorkerMessage.Result.completed(trial.number(), e);
        } catch (OutOfMemoryError e) {
            result = WorkerMessage.Result.failed(trial.number(), FailureKind.OUT_OF_MEMORY,
                    "java.lang.OutOfMemoryError: " + e.getMessage());
        } catch (InterruptedException e) {
            result = WorkerMessage.Result.failed(trial.number(), FailureKind.CANCELLED, "interrupted");
        } catch (Throwable e) {
            result = WorkerMessage.Result.failed(trial.number(), FailureKind.LEARNER_ERROR, Failures.describe(e));
        }
        running.remove(trial.number());
        send(result);
    }

    private Path cached(String sha256) {
        return cache.resolve(sha256 + ".csv");
    }

    private Path partialFile(String sha256) {
        return cache.resolve(sha256 + ".csv.part");
    }

    private List<String> cachedHashes() {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
                    .map(n -> n.substring(0, n.length() - 4)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
