package dev.quarry.runner.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start one worker JVM: the full command line.
 *
 * @param command the program and its arguments; the program must run a {@link dev.quarry.runner.worker.WorkerLoop}
 *     over its stdin and stdout
 */
public record WorkerJvm(List<String> command) {

    /** Copies and checks the command. */
    public WorkerJvm {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a worker command needs at least a program, got none");
        }
    }

    /**
     * A worker on the same {@code java} and class path as this JVM, so that it evaluates with exactly
     * the code the coordinator runs. {@code -XX:+ExitOnOutOfMemoryError} makes an out-of-memory worker
     * exit at once (code 3) instead of limping on with a corrupt heap.
     *
     * @param heap the worker's {@code -Xmx} value, e.g. {@code 1g}
     * @param jvmOptions further JVM options (system properties, GC flags)
     * @param mainClass the worker's main class
     * @param args its arguments
     * @return the command
     */
    public static WorkerJvm sameJava(String heap, List<String> jvmOptions, String mainClass, List<String> args) {
        var cmd = new ArrayList<String>();
        cmd.add(currentJava());
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        // One trial at a time in a bounded heap: the parallel collector's threads would only compete with the learner's.
        cmd.add("-XX:+UseSerialGC");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return new WorkerJvm(cmd);
    }

    /** @return the {@code java} launcher of this JVM */
    static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
