package dev.quarry.examples.executors;

import dev.quarry.runner.cluster.ClusterNode;
import dev.quarry.runner.cluster.ClusterTrialExecutor;
import dev.quarry.runner.local.LocalTrialExecutor;
import dev.quarry.runner.process.ProcessTrialExecutor;
import dev.quarry.runner.process.WorkerJvm;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialExecutor;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.runner.worker.WorkerLog;
import dev.quarry.search.history.TrialState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code ./quarry bench-executors [--trials N] [--cpu-trials M] [--cpu-millis T] [--port P] [--only E]}:
 * for each executor (or only {@code local}, {@code process} or {@code cluster}), the orchestration
 * overhead per no-op trial (trials run one after another, each submitted when the last one's result
 * arrived, minus the same number of direct evaluator calls), and the speed-up of two workers over one
 * on M CPU-bound trials of about T ms each (all submitted at once; the time with one worker divided
 * by the time with two). Every number is measured against its baseline in the same run; worker JVMs
 * are started and stopped by the benchmark.
 *
 * <p>Three more columns say why a speed-up falls short. <em>Busy</em>: the share of the two-worker
 * batch during which each worker was running a trial (from the trials' own wall times on their
 * workers); below 100% the executor left a worker idle (dispatch, messaging, an uneven split).
 * <em>CPU share</em>: the CPU time the trials' threads got over their wall time, with one worker and
 * with two; the trial never blocks, so anything below 100% is time the operating system gave to
 * other processes. <em>Other CPU</em>: the CPU time the benchmark's JVM and its worker JVMs spent
 * during the two-worker batch beyond the trials' own (messaging, heartbeats, cluster membership,
 * JIT, GC), over the trials' CPU time: what the executor itself costs the cores. On idle cores busy
 * and share are near 100% and the speed-up is {@code 2 x busy x share2 / share1}.
 */
public final class ExecutorBenchmark {

    private static final InstantSource CLOCK = InstantSource.system();
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final int trials;
    private final int cpuTrials;
    private final int rounds;
    private final Path tmp;
    private final List<Process> clusterWorkers = new ArrayList<>();

    private ExecutorBenchmark(int trials, int cpuTrials, int rounds, Path tmp) {
        this.trials = trials;
        this.cpuTrials = cpuTrials;
        this.rounds = rounds;
        this.tmp = tmp;
    }

    /** One executor's numbers. */
    record Row(String executor, double overheadMillis, double targetMillis, Batch one, Batch two) {
        double speedUp() {
            return one.seconds() / two.seconds();
        }
    }

    /**
     * One timed batch of CPU trials.
     *
     * @param seconds from the first submission to the last result
     * @param busy the trials' summed wall time on their workers over {@code workers x seconds}
     * @param cpuShare the trials' summed thread CPU time over their summed wall time
     * @param otherCpu CPU time of this JVM and its children beyond the trials', over the trials'
     */
    record Batch(double seconds, double busy, double cpuShare, double otherCpu) {
    }

    public static void main(String[] args) throws Exception {
        int trials = 300;
        int cpuTrials = 8;
        int cpuMillis = 400;
        int port = 5961;
        String only = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[i + 1]);
                case "--cpu-trials" -> cpuTrials = Integer.parseInt(args[i + 1]);
                case "--cpu-millis" -> cpuMillis = Integer.parseInt(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--only" -> only = args[i + 1];
                default -> {
                    System.err.println("usage: quarry bench-executors [--trials N] [--cpu-trials M] [--cpu-millis T] [--port P]"
                            + " [--only local|process|cluster]");
                    System.exit(2);
                }
            }
        }
        if (only != null && !List.of("local", "process", "cluster").contains(only)) {
            System.err.println("--only: expected local, process or cluster, got " + only);
            System.exit(2);
        }
        Path tmp = Files.createTempDirectory("quarry-bench-executors-");
        int rounds = calibrate(cpuMillis);
        var bench = new ExecutorBenchmark(trials, cpuTrials, rounds, tmp);
        long direct = bench.directNanos();
        System.out.printf(Locale.ROOT, "Baseline: %d direct no-op evaluations, %.4f ms each; one CPU trial in this JVM %.0f ms "
                + "(%d rounds); %d cores available, load average %s%n%n", trials, direct / 1e6 / trials,
                bench.directCpuMillis(), rounds, Runtime.getRuntime().availableProcessors(), loadAverage());
        var rows = new ArrayList<Row>();
        try {
            if (only == null || only.equals("local")) {
                rows.add(bench.local(direct));
            }
            if (only == null || only.equals("process")) {
                rows.add(bench.process(direct));
            }
            if (only == null || only.equals("cluster")) {
                rows.add(bench.cluster(direct, port));
            }
        } finally {
            bench.stopClusterWorkers();
            // Worker logs and dataset caches: only this run needed them.
            Workspace.deleteTree(tmp);
        }
        System.out.println("| executor | overhead per no-op trial | target | 1 worker, " + cpuTrials + " CPU trials | 2 workers "
                + "| speed-up | target | busy, 2 workers | CPU share, 1 / 2 workers | other CPU, 2 workers |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %.3f ms | < %.0f ms | %.2f s | %.2f s | %.2fx | >= 1.8x | %.0f%% | %.0f%% / %.0f%% "
                    + "| %.1f%% |%n", r.executor(), r.overheadMillis(), r.targetMillis(), r.one().seconds(), r.two().seconds(),
                    r.speedUp(), 100 * r.two().busy(), 100 * r.one().cpuShare(), 100 * r.two().cpuShare(),
                    100 * r.two().otherCpu());
        }
        System.out.println();
        System.out.println("load average at the end: " + loadAverage());
        System.exit(0);
    }

    /**
     * Rounds of {@link Workload#spin} that take about {@code millis} once compiled: the fastest of
     * several timed runs, so that interpretation before the JIT does not inflate the estimate (a
     * worker JVM runs the compiled loop after its warm-up trials).
     */
    private static int calibrate(int millis) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            long start = System.nanoTime();
            Workload.spin(50_000_000, i + 1);
            best = Math.min(best, (System.nanoTime() - start) / 5e7);
        }
        return (int) Math.min(Integer.MAX_VALUE, millis * 1e6 / best);
    }

    private long directNanos() {
        var w = new Workload();
        for (int i = 0; i < 20_000; i++) {
            w.evaluate(task(i, 0));
        }
        long start = System.nanoTime();
        for (int i = 0; i < trials; i++) {
            w.evaluate(task(i, 0));
        }
        return System.nanoTime() - start;
    }

    private double directCpuMillis() {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            new Workload().evaluate(task(i, rounds));
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        return best;
    }

    private Row local(long direct) throws InterruptedException {
        double overhead;
        Batch one;
        try (var ex = new LocalTrialExecutor(1, new Workload(), CLOCK)) {
            sequential(ex, trials / 2);
            overhead = (sequential(ex, trials) - direct) / 1e6 / trials;
            one = batch(ex, 1);
        }
        Batch two;
        try (var ex = new LocalTrialExecutor(2, new Workload(), CLOCK)) {
            batch(ex, 2);
            two = batch(ex, 2);
        }
        return new Row("local", overhead, 2, one, two);
    }

    private Row process(long direct) throws InterruptedException {
        double overhead;
        Batch one;
        try (var ex = processExecutor(1)) {
            sequential(ex, trials / 2);
            overhead = (sequential(ex, trials) - direct) / 1e6 / trials;
            batch(ex, 1);
            one = batch(ex, 1);
        }
        Batch two;
        try (var ex = processExecutor(2)) {
            batch(ex, 2);
            two = batch(ex, 2);
        }
        return new Row("process", overhead, 10, one, two);
    }

    private static TrialExecutor processExecutor(int workers) {
        return new ProcessTrialExecutor(workers, WorkerJvm.sameJava("256m", List.of(), BenchWorker.class.getName(),
                List.of("process")), Workload.SETUP, 1, WorkerLog.NONE, CLOCK);
    }

    private Row cluster(long direct, int port) throws Exception {
        Path data = tmp.resolve("data.csv");
        Files.writeString(data, "x,y\n1,2\n");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(data)));
        String join = "127.0.0.1:" + port;
        var node = ClusterNode.start("127.0.0.1", port, false, List.of(join));
        try (var ex = new ClusterTrialExecutor(node, Workload.SETUP, data, sha, 1, Duration.ofSeconds(10),
                WorkerLog.NONE, CLOCK)) {
            startClusterWorker(join, "bench-1");
            sequential(ex, trials / 2);
            double overhead = (sequential(ex, trials) - direct) / 1e6 / trials;
            batch(ex, 1);
            Batch one = batch(ex, 1);
            startClusterWorker(join, "bench-2");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (ex.capacity() < 2) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the second cluster worker did not join");
                }
                Thread.sleep(100);
            }
            batch(ex, 2);
            Batch two = batch(ex, 2);
            return new Row("cluster", overhead, 20, one, two);
        }
    }

    private void startClusterWorker(String join, String name) throws IOException {
        var command = WorkerJvm.sameJava("256m", List.of(), BenchWorker.class.getName(),
                List.of("cluster", join, name, tmp.resolve("cache-" + name).toString())).command();
        clusterWorkers.add(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile()).start());
    }

    private void stopClusterWorkers() throws InterruptedException {
        for (Process p : clusterWorkers) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Runs {@code n} no-op trials one after another; returns the nanoseconds taken. */
    private static long sequential(TrialExecutor ex, int n) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            var done = new CountDownLatch(1);
            var failed = new AtomicInteger();
            ex.submit(task(i, 0), w -> { }, r -> {
                if (r.state() != TrialState.COMPLETED) {
                    failed.incrementAndGet();
                }
                done.countDown();
            });
            if (!done.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS) || failed.get() > 0) {
                throw new IllegalStateException("a no-op trial did not complete");
            }
        }
        return System.nanoTime() - start;
    }

    /** Runs the CPU trials all at once on {@code workers} workers; returns the time until the last finished. */
    private Batch batch(TrialExecutor ex, int workers) throws InterruptedException {
        var done = new CountDownLatch(cpuTrials);
        var results = new ArrayList<TrialResult>();
        double cpuBefore = processCpuSeconds();
        long start = System.nanoTime();
        for (int i = 0; i < cpuTrials; i++) {
            ex.submit(task(i, rounds), w -> { }, r -> {
                synchronized (results) {
                    results.add(r);
                }
                done.countDown();
            });
        }
        if (!done.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the CPU trials did not finish");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double processCpu = processCpuSeconds() - cpuBefore;
        if (results.stream().anyMatch(r -> r.state() != TrialState.COMPLETED)) {
            throw new IllegalStateException("a CPU trial failed: " + results);
        }
        double wall = results.stream().mapToDouble(r -> r.metrics().get(Workload.WALL)).sum();
        double cpu = results.stream().mapToDouble(r -> r.metrics().get(Workload.CPU)).sum();
        return new Batch(seconds, wall / (workers * seconds), cpu / wall, (processCpu - cpu) / cpu);
    }

    /** @return the CPU seconds of this JVM and its child processes (the worker JVMs) so far */
    private static double processCpuSeconds() {
        return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().children())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum() / 1e9;
    }

    private static TrialTask task(int n, int rounds) {
        return new TrialTask("bench", n, Workload.params(rounds), n + 1, TIMEOUT);
    }
}
