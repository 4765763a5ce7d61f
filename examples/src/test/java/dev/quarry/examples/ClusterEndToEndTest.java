package dev.quarry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.TrialState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator ({@code ./quarry run} with {@code executor: {type: cluster}}) and two workers
 * ({@code ./quarry worker --join}) as separate processes on 127.0.0.1; one worker is killed with
 * SIGKILL while it runs a trial. Every trial is recorded exactly once, the lost one run again on the
 * other worker, and the best model is saved. Slow: three JVMs with Hazelcast on a shared machine.
 */
@Tag("slow")
class ClusterEndToEndTest {

    private static final int TRIALS = 8;
    private static final int PORT = 5931;

    @Test
    void aWorkerKilledDuringATrialLosesNoChildRun(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("cluster.yaml");
        Files.writeString(config, """
                data: {train: %s, target: class}
                budget: {maxTrials: %d, trialTimeout: 120s}
                validation: {type: kfold, folds: 3}
                learners: [smile.random_forest]
                executor: {type: cluster, bindHost: 127.0.0.1, port: %d}
                seed: 5
                """.formatted(Project.dataset("credit-g.csv"), TRIALS, PORT));
        Path ws = tmp.resolve("ws");
        var processes = new ArrayList<Process>();
        try {
            Process coordinator = Project.start(tmp, tmp.resolve("run.txt"), "run", config.toString(), "--workspace",
                    ws.toString(), "--no-progress");
            processes.add(coordinator);
            awaitPort(PORT, coordinator, tmp.resolve("run.txt"));
            Process w1 = worker(tmp, "w1");
            processes.add(w1);
            processes.add(worker(tmp, "w2"));

            String killedTrialRunning = awaitRunningOn(ws, "w1", coordinator, tmp);
            w1.destroyForcibly(); // SIGKILL during a trial
            assertTrue(w1.waitFor(30, TimeUnit.SECONDS));

            assertTrue(coordinator.waitFor(600, TimeUnit.SECONDS), "the experiment ended: " + Files.readString(tmp.resolve("run.txt")));
            String out = Files.readString(tmp.resolve("run.txt"));
            assertEquals(0, coordinator.exitValue(), out);

            try (var store = SqliteRunStore.open(ws.resolve("quarry.db"))) {
                String id = store.experiments().getFirst().id();
                assertEquals(ExperimentStatus.COMPLETED, store.experiment(id).orElseThrow().status());
                List<TrialResult> trials = store.trials(id).stream()
                        .filter(t -> !dev.quarry.automl.experiment.ExperimentLoop.isEnsemble(t.params().learner())).toList();
                assertEquals(IntStream.range(0, TRIALS).boxed().toList(), trials.stream().map(TrialResult::number).toList(),
                        "every trial exactly once");
                for (TrialResult t : trials) {
                    assertEquals(TrialState.COMPLETED, t.state(), t.toString());
                }
                int lost = Integer.parseInt(killedTrialRunning);
                assertEquals("w2", trials.get(lost).worker(), "the lost trial ran again on the other worker");
                String log = Files.readString(ws.resolve("runs").resolve(id + "_" + lost).resolve("logs/worker.log"));
                assertTrue(log.contains("w1 was lost"), log);
                assertTrue(Files.isRegularFile(ws.resolve("runs").resolve(id).resolve("outputs/model/pipeline.json")),
                        "the best model is saved");
            }
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Process worker(Path tmp, String name) throws IOException {
        return Project.start(tmp, tmp.resolve(name + ".txt"), "worker", "--join", "127.0.0.1:" + PORT, "--name", name,
                "--cores", "1", "--cache", tmp.resolve("cache-" + name).toString());
    }

    /** Waits until the coordinator's Hazelcast member listens, so the workers join it rather than each other. */
    private static void awaitPort(int port, Process coordinator, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            assertTrue(coordinator.isAlive(), "the coordinator ended: " + Files.readString(out));
            try (var s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the coordinator did not listen on " + port);
    }

    /** Waits until a trial is RUNNING on the worker; returns its number. */
    private static String awaitRunningOn(Path ws, String worker, Process coordinator, Path tmp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        Path db = ws.resolve("quarry.db");
        while (System.nanoTime() < deadline) {
            assertTrue(coordinator.isAlive(), "the coordinator ended: " + Files.readString(tmp.resolve("run.txt")));
            if (Files.isRegularFile(db)) {
                try (var store = SqliteRunStore.open(db)) {
                    var experiments = store.experiments();
                    if (!experiments.isEmpty()) {
                        var running = store.trials(experiments.getFirst().id()).stream()
                                .filter(t -> t.state() == TrialState.RUNNING && t.worker().equals(worker)).findFirst();
                        if (running.isPresent()) {
                            return Integer.toString(running.get().number());
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no trial ran on " + worker + ": " + Files.readString(tmp.resolve(worker + ".txt")));
    }
}
