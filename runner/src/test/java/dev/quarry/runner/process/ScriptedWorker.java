package dev.quarry.runner.process;

import dev.quarry.runner.cluster.ClusterWorker;
import dev.quarry.runner.trial.Script;
import dev.quarry.runner.trial.ScriptedEvaluator;
import dev.quarry.runner.worker.WorkerLoop;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A worker JVM for the executor tests, whose setup text is a {@link Script}: with no arguments a
 * {@link WorkerLoop} over stdin and stdout (process executor); with {@code cluster <host:port> <cores>
 * <cache>} a {@link ClusterWorker} that joins a coordinator's cluster; with {@code twice}, the
 * process worker writes every result two times.
 */
public final class ScriptedWorker {

    private ScriptedWorker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cluster")) {
            System.exit(ClusterWorker.serve(args[1], "127.0.0.1", Integer.parseInt(args[2]), "scripted", Path.of(args[3]),
                    (text, data) -> evaluator(text), System.err));
        }
        boolean twice = args.length > 0 && args[0].equals("twice");
        // "twice": every result line is written two times, as a flaky transport might deliver it.
        PrintStream protocol = new PrintStream(System.out, false, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                if (twice && line.contains("\"type\":\"result\"")) {
                    super.println(line);
                }
            }
        };
        System.setOut(System.err);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(WorkerLoop.serve(in, protocol, ScriptedWorker::evaluator));
    }

    private static ScriptedEvaluator evaluator(String text) {
        Script script = Script.parse(text);
        if (script.name().equals("badSetup")) {
            throw new IllegalStateException("this worker cannot set up");
        }
        return new ScriptedEvaluator(script);
    }
}
