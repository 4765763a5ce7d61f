package dev.quarry.runner.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runner.trial.Script;
import dev.quarry.runner.trial.TrialExecutor;
import dev.quarry.runner.trial.TrialExecutorContract;
import dev.quarry.runner.trial.TrialExecutorContract.Collector;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.worker.WorkerLog;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real worker JVMs ({@link ScriptedWorker}) started, fed, killed and replaced. */
class ProcessTrialExecutorTest implements TrialExecutorContract {

    private final Queue<String> logged = new ConcurrentLinkedQueue<>();

    @Override
    public TrialExecutor executor(int parallelism, Script script) {
        return executor(parallelism, script, 2);
    }

    /**
     * Waits until every worker is ready unless its setup is meant to fail, so that the contract's
     * short timeouts measure trials, not JVM start-up on a loaded machine.
     */
    private TrialExecutor executor(int parallelism, Script script, int maxAttempts) {
        var ready = new CountDownLatch(parallelism);
        WorkerLog log = (worker, trial, line) -> {
            logged.add(worker + " " + trial + " " + line);
            if (line.contains(" is ready")) {
                ready.countDown();
            }
        };
        var ex = new ProcessTrialExecutor(parallelism, WorkerJvm.sameJava("96m", List.of(),
                ScriptedWorker.class.getName(), List.of()), script.text(), maxAttempts, log, InstantSource.system());
        try {
            if (!script.name().equals("badSetup") && !ready.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("workers not ready: " + logged);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return ex;
    }

    @Override
    public boolean killsStuckTrials() {
        return true;
    }

    @Override
    public int closeRaceRounds() {
        return 3; // each round starts two JVMs
    }

    @Test
    void aTrialThatAllocatesWithoutBoundEndsOutOfMemoryAndAFreshWorkerRunsTheNext(@TempDir Path scratch)
            throws Exception {
        try (TrialExecutor ex = executor(1, new Script("allocate0", scratch))) {
            var c = new Collector(2);
            c.submit(ex, TrialExecutorContract.task(0, Duration.ofSeconds(30)));
            c.submit(ex, TrialExecutorContract.task(1, Duration.ofSeconds(30)));
            c.await();
            TrialResult oom = c.only(0);
            assertEquals(FailureKind.OUT_OF_MEMORY, oom.failure(), oom.toString());
            assertEquals(TrialState.COMPLETED, c.only(1).state());
            assertTrue(logged.stream().anyMatch(l -> l.startsWith("process-1 0 ") && l.contains("OutOfMemoryError")),
                    "the JVM's own out-of-memory message is in trial 0's log: " + logged);
        }
    }

    @Test
    void aLostWorkerHasItsTrialQueuedAgainAndRunOnAFreshOne(@TempDir Path scratch) throws Exception {
        try (TrialExecutor ex = executor(1, new Script("haltFirstAttempt0", scratch))) {
            var c = new Collector(2);
            c.submit(ex, TrialExecutorContract.task(0, Duration.ofSeconds(30)));
            c.submit(ex, TrialExecutorContract.task(1, Duration.ofSeconds(30)));
            c.await();
            assertEquals(TrialState.COMPLETED, c.only(0).state(), "the second attempt completed");
            assertEquals(List.of("process-1", "process-1"), c.starts.get(0), "one onStart per attempt");
            assertEquals(TrialState.COMPLETED, c.only(1).state());
            assertTrue(logged.stream().anyMatch(l -> l.contains("was lost (exit code 9) during attempt 1 of trial 0")),
                    logged.toString());
        }
    }

    @Test
    void aTrialWhoseWorkersKeepDyingEndsWorkerLostAfterItsAttempts(@TempDir Path scratch) throws Exception {
        try (TrialExecutor ex = executor(2, new Script("haltAlways0", scratch), 3)) {
            var c = new Collector(2);
            c.submit(ex, TrialExecutorContract.task(0, Duration.ofSeconds(30)));
            c.submit(ex, TrialExecutorContract.task(1, Duration.ofSeconds(30)));
            c.await();
            TrialResult lost = c.only(0);
            assertEquals(FailureKind.WORKER_LOST, lost.failure());
            assertTrue(lost.error().contains("attempt 3 of 3"), lost.error());
            assertEquals(3, c.starts.get(0).size());
            assertEquals(TrialState.COMPLETED, c.only(1).state());
        }
    }

    @Test
    void workersThatCannotSetUpFailTrialsInsteadOfStallingThem(@TempDir Path scratch) throws Exception {
        try (TrialExecutor ex = executor(1, new Script("badSetup", scratch))) {
            var c = new Collector(2);
            c.submit(ex, TrialExecutorContract.task(0, Duration.ofSeconds(60)));
            c.submit(ex, TrialExecutorContract.task(1, Duration.ofSeconds(60)));
            c.await();
            TrialResult r = c.only(0);
            assertEquals(FailureKind.WORKER_LOST, r.failure());
            assertTrue(r.error().contains("cannot start") && r.error().contains("this worker cannot set up"), r.error());
            assertEquals(FailureKind.WORKER_LOST, c.only(1).failure());
        }
    }

    @Test
    void workerStderrGoesToTheLogOfTheTrialItRan(@TempDir Path scratch) throws Exception {
        try (TrialExecutor ex = executor(1, new Script("stderr", scratch))) {
            var c = new Collector(2);
            c.submit(ex, TrialExecutorContract.task(0, Duration.ofSeconds(30)));
            c.submit(ex, TrialExecutorContract.task(1, Duration.ofSeconds(30)));
            c.await();
            Thread.sleep(100);
            assertTrue(logged.contains("process-1 0 a line from trial 0"), logged.toString());
            assertTrue(logged.contains("process-1 1 a line from trial 1"), logged.toString());
        }
    }

    @Test
    void aResultThatArrivesTwiceIsReportedOnce(@TempDir Path scratch) throws Exception {
        var script = new Script("constant", scratch);
        try (TrialExecutor ex = new ProcessTrialExecutor(1, WorkerJvm.sameJava("96m", List.of(),
                ScriptedWorker.class.getName(), List.of("twice")), script.text(), 2, WorkerLog.NONE,
                InstantSource.system())) {
            var c = new Collector(5);
            for (int i = 0; i < 5; i++) {
                c.submit(ex, TrialExecutorContract.task(i, Duration.ofSeconds(30)));
            }
            c.await();
            Thread.sleep(200);
            for (int i = 0; i < 5; i++) {
                assertEquals(TrialState.COMPLETED, c.only(i).state());
            }
        }
    }
}
