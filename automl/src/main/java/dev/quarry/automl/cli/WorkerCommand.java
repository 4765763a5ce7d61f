package dev.quarry.automl.cli;

import dev.quarry.automl.experiment.WorkerSetupText;
import dev.quarry.runner.cluster.ClusterWorker;
import dev.quarry.runner.worker.WorkerLoop;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quarry worker}: runs trials for a coordinator, in one of two ways. {@code --join <host:port>}
 * joins the coordinator's cluster ({@code executor: {type: cluster}}) and serves it until it leaves;
 * {@code --stdio} is how the process executor starts its worker JVMs (stdout carries the protocol
 * only; everything else that would print there goes to stderr, which the coordinator copies into
 * each trial's logs).
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run trials for a coordinator: join its cluster (executor type cluster) with --join.",
                "Exits when the coordinator's experiment ends."})
final class WorkerCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Mode mode;

    static final class Mode {
        @Option(names = "--join", paramLabel = "<host:port>", description = "the coordinator's cluster address")
        String join;

        @Option(names = "--stdio", hidden = true, description = "take trials on stdin, answer on stdout (process executor)")
        boolean stdio;
    }

    @Option(names = "--cores", paramLabel = "<n>", description = "trials at once (default: the available processors)")
    private Integer cores;

    @Option(names = "--bind", paramLabel = "<host>", defaultValue = "127.0.0.1",
            description = "the address to bind and advertise (default: ${DEFAULT-VALUE})")
    private String bind;

    @Option(names = "--name", paramLabel = "<name>", description = "this worker's name (default: <host>-<pid>)")
    private String name;

    @Option(names = "--cache", paramLabel = "<dir>", description = "where datasets are cached (default: ~/.cache/quarry/datasets)")
    private Path cache;

    @Override
    public Integer call() throws Exception {
        if (mode.stdio) {
            var protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
            System.setOut(System.err);
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return WorkerLoop.serve(in, protocol, WorkerSetupText::open);
        }
        if (!mode.join.matches(".+:[0-9]{1,5}")) {
            System.err.println("error: --join expects <host:port>, got " + mode.join);
            return ExitCodes.BAD_INPUT;
        }
        int n = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            System.err.println("error: --cores must be at least 1, got " + n);
            return ExitCodes.BAD_INPUT;
        }
        String workerName = name != null ? name : InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        Path dir = cache != null ? cache : Path.of(System.getProperty("user.home"), ".cache", "quarry", "datasets");
        return ClusterWorker.serve(mode.join, bind, n, workerName, dir, WorkerSetupText::open, System.err);
    }
}
