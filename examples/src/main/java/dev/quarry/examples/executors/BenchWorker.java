package dev.quarry.examples.executors;

import dev.quarry.runner.cluster.ClusterWorker;
import dev.quarry.runner.worker.WorkerLoop;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A worker JVM for the executor benchmark, running {@link Workload}s: {@code process} serves the
 * process executor over stdin and stdout; {@code cluster <host:port> <name> <cache>} joins a cluster
 * with one core.
 */
public final class BenchWorker {

    private BenchWorker() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("process")) {
            var protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
            System.setOut(System.err);
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            System.exit(WorkerLoop.serve(in, protocol, Workload::parse));
        }
        System.exit(ClusterWorker.serve(args[1], "127.0.0.1", 1, args[2], Path.of(args[3]),
                (setup, data) -> Workload.parse(setup), System.err));
    }
}
