package dev.quarry.automl.cli;

import dev.quarry.automl.experiment.WorkerSetupText;
import dev.quarry.runner.worker.WorkerLoop;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quarry worker --stdio}: a worker JVM started by a coordinator's process executor. Hidden:
 * people do not start it by hand. Its stdout carries the protocol only; everything else that would
 * print there goes to stderr, which the coordinator copies into each trial's logs.
 */
@Command(name = "worker", hidden = true, mixinStandardHelpOptions = true,
        description = "Run trials for a coordinator (started by the process executor).")
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--stdio", required = true, description = "take trials on stdin, answer on stdout")
    private boolean stdio;

    @Override
    public Integer call() throws IOException {
        var protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return WorkerLoop.serve(in, protocol, WorkerSetupText::open);
    }
}
