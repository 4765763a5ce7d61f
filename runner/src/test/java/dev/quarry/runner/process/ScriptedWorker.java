package dev.quarry.runner.process;

import dev.quarry.runner.trial.Script;
import dev.quarry.runner.trial.ScriptedEvaluator;
import dev.quarry.runner.worker.WorkerLoop;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A worker JVM for the executor tests: a {@link WorkerLoop} whose setup text is a {@link Script}. */
public final class ScriptedWorker {

    private ScriptedWorker() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int code = WorkerLoop.serve(in, protocol, text -> {
            Script script = Script.parse(text);
            if (script.name().equals("badSetup")) {
                throw new IllegalStateException("this worker cannot set up");
            }
            return new ScriptedEvaluator(script);
        });
        System.exit(code);
    }
}
