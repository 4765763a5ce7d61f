package dev.quarry.runner.worker;

import dev.quarry.runner.trial.Evaluation;
import dev.quarry.runner.trial.Failures;
import dev.quarry.runner.trial.TrialEvaluator;
import dev.quarry.search.history.FailureKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The loop a worker process runs over a line stream (its stdin and stdout): reads {@link WorkerMessage}s,
 * runs each trial with the evaluator its {@link WorkerSetup} built, writes one result per trial.
 * Protocol lines start with {@link #PREFIX}, so that anything else a library or native code prints on
 * the same stream is told apart and logged instead of breaking the protocol.
 *
 * <p>A trial runs on its own daemon thread while the main thread keeps reading, so that the end of
 * the input (the coordinator died or closed the pipe) ends the worker even during a trial. An
 * {@link OutOfMemoryError} is reported and then the process halts with {@link #OUT_OF_MEMORY_EXIT}:
 * after one, the heap may hold anything, and a fresh worker is cheaper than doubt.
 */
public final class WorkerLoop {

    /** The start of every protocol line. */
    public static final String PREFIX = "@quarry ";
    /** The exit code after an out-of-memory error; HotSpot's {@code -XX:+ExitOnOutOfMemoryError} uses the same. */
    public static final int OUT_OF_MEMORY_EXIT = 3;
    /** The exit code when setup failed. */
    public static final int SETUP_FAILED_EXIT = 2;

    private final PrintStream out;

    private WorkerLoop(PrintStream out) {
        this.out = out;
    }

    /**
     * Serves one coordinator until its input ends.
     *
     * @param in the coordinator's messages
     * @param out where replies go (the real stdout; the caller should point {@code System.out} elsewhere)
     * @param setup builds the evaluator from the first message
     * @return the exit code for the process: 0 when the input ended, {@link #SETUP_FAILED_EXIT} if setup failed
     * @throws IOException if the input cannot be read
     */
    public static int serve(BufferedReader in, PrintStream out, WorkerSetup setup) throws IOException {
        var loop = new WorkerLoop(out);
        String first = in.readLine();
        if (first == null) {
            return 0;
        }
        TrialEvaluator evaluator;
        try {
            if (!(decode(first) instanceof WorkerMessage.Setup s)) {
                throw new IllegalStateException("the first message must be a setup, got " + first);
            }
            evaluator = setup.open(s.text());
        } catch (Exception | LinkageError e) {
            loop.send(new WorkerMessage.SetupFailed(Failures.describe(e)));
            return SETUP_FAILED_EXIT;
        }
        loop.send(new WorkerMessage.Ready(ProcessHandle.current().pid(), 1));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            if (decode(line) instanceof WorkerMessage.Trial trial) {
                Thread t = new Thread(() -> loop.run(evaluator, trial), "quarry-trial-" + trial.number());
                t.setDaemon(true);
                t.start();
            }
        }
        return 0;
    }

    private static WorkerMessage decode(String line) {
        return WorkerMessage.decode(line.startsWith(PREFIX) ? line.substring(PREFIX.length()) : line);
    }

    private void run(TrialEvaluator evaluator, WorkerMessage.Trial trial) {
        WorkerMessage.Result result;
        try {
            Evaluation e = evaluator.evaluate(trial.task());
            result = WorkerMessage.Result.completed(trial.number(), e);
        } catch (OutOfMemoryError e) {
            send(WorkerMessage.Result.failed(trial.number(), FailureKind.OUT_OF_MEMORY,
                    "java.lang.OutOfMemoryError: " + e.getMessage()));
            Runtime.getRuntime().halt(OUT_OF_MEMORY_EXIT);
            return;
        } catch (Throwable e) {
            // Errors too (StackOverflowError, a missing native library): they end this trial, not the worker.
            result = WorkerMessage.Result.failed(trial.number(), FailureKind.LEARNER_ERROR, Failures.describe(e));
        }
        send(result);
    }

    private synchronized void send(WorkerMessage message) {
        out.println(PREFIX + WorkerMessage.encode(message));
        out.flush();
    }
}
