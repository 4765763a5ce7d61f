package dev.quarry.runner.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runner.process.ScriptedWorker;
import dev.quarry.runner.process.WorkerJvm;
import dev.quarry.runner.trial.Script;
import dev.quarry.runner.trial.TrialExecutor;
import dev.quarry.runner.trial.TrialExecutorContract;
import dev.quarry.runner.trial.TrialExecutorContract.Collector;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.worker.WorkerLog;
import dev.quarry.search.history.TrialState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor contract on a real cluster: this JVM is the coordinator's Hazelcast member, and each
 * executor gets a worker JVM ({@link ScriptedWorker} in cluster mode) that joins it over 127.0.0.1
 * with {@code parallelism} cores. Slow: every test starts a cluster.
 */
@Tag("slow")
class ClusterTrialExecutorTest implements TrialExecutorContract {

    private static final AtomicInteger PORTS = new AtomicInteger(6200 + 4 * ThreadLocalRandom.current().nextInt(400));

    private final List<Process> workers = new ArrayList<>();
    private final Queue<String> logged = new ConcurrentLinkedQueue<>();

    @Override
    public TrialExecutor executor(int parallelism, Script script) {
        int port = PORTS.getAndAdd(4);
        String join = "127.0.0.1:" + port;
        Path data = script.scratch().resolve("data.csv");
        var ready = new CountDownLatch(1);
        WorkerLog log = (worker, trial, line) -> {
            logged.add(worker + " " + trial + " " + line);
            if (line.contains("is ready")) {
                ready.countDown();
            }
        };
        try {
            Files.writeString(data, "x,y\n1,2\n");
            var ex = new ClusterTrialExecutor(ClusterNode.start("127.0.0.1", port, false, List.of(join)), script.text(),
                    data, sha256(data), 2, Duration.ofSeconds(5), log, InstantSource.system());
            var command = WorkerJvm.sameJava("128m", List.of(), ScriptedWorker.class.getName(), List.of("cluster", join,
                    Integer.toString(parallelism), script.scratch().resolve("cache").toString())).command();
            workers.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(script.scratch().resolve("worker-" + port + ".log").toFile()).start());
            assertTrue(ready.await(120, TimeUnit.SECONDS), "the worker joined: " + logged);
            return ex;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process p : workers) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public int closeRaceRounds() {
        return 1; // each round starts a cluster
    }

    @Test
    void aLostWorkersTrialRunsAgainOnTheNextWorkerWhichHasTheDatasetCached(@TempDir Path scratch) throws Exception {
        try (TrialExecutor ex = executor(1, new Script("haltFirstAttempt0", scratch))) {
            var c = new Collector(1);
            c.submit(ex, TrialExecutorContract.task(0, Duration.ofSeconds(120)));
            // The first attempt halts its worker's JVM; a second worker, sharing the first one's cache folder, joins.
            assertTrue(workers.getFirst().waitFor(60, TimeUnit.SECONDS));
            var command = WorkerJvm.sameJava("128m", List.of(), ScriptedWorker.class.getName(), List.of("cluster",
                    ((ClusterTrialExecutor) ex).node().address(), "1", scratch.resolve("cache").toString())).command();
            workers.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(scratch.resolve("worker-2.log").toFile()).start());
            c.await();
            assertEquals(TrialState.COMPLETED, c.only(0).state(), "the second attempt completed");
            assertEquals(2, c.starts.get(0).size(), "one onStart per attempt");
            assertTrue(logged.stream().anyMatch(l -> l.contains("was lost") && l.contains("during attempt 1 of trial 0")),
                    logged.toString());
            assertTrue(logged.stream().anyMatch(l -> l.contains("it has the dataset cached")),
                    "the dataset was not sent again: " + logged);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
