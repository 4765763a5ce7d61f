package dev.quarry.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds the project's folders and runs the real {@code ./quarry} launcher as a separate process. */
final class Project {

    private Project() {
    }

    /** @return the repository root (the folder holding the {@code quarry} launcher) */
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("quarry"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /**
     * @param file a file name from shared/datasets
     * @return its path; the datasets sit beside the repository, in ../shared/datasets
     */
    static Path dataset(String file) {
        Path p = root().getParent().resolve("shared").resolve("datasets").resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("dataset " + file + " not found at " + p);
        }
        return p;
    }

    /** What a finished process printed and returned. */
    record Result(int exitCode, String out, String err, long millis) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    /**
     * Starts {@code ./quarry args...} without waiting; the launcher execs {@code java}, so the process
     * is the JVM itself and killing it kills the JVM.
     *
     * @param workDir the working directory
     * @param out where its stdout and stderr go
     * @param args the arguments
     * @return the running process
     */
    static Process start(Path workDir, Path out, String... args) throws IOException {
        var command = new ArrayList<String>();
        command.add("bash");
        command.add(root().resolve("quarry").toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
    }

    /**
     * Runs {@code ./quarry args...} with the given working directory and waits for it.
     *
     * @param workDir the working directory
     * @param timeoutSeconds a limit after which the process is killed and the test fails
     * @param args the arguments
     * @return what it printed, its exit code and its wall time
     */
    static Result quarry(Path workDir, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add("bash");
        command.add(root().resolve("quarry").toString());
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).directory(workDir.toFile());
        Path out = Files.createTempFile("quarry-out", ".txt");
        Path err = Files.createTempFile("quarry-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        long start = System.nanoTime();
        Process process = pb.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("quarry " + String.join(" ", args) + " did not end within " + timeoutSeconds
                    + " s; output so far:\n" + Files.readString(out) + Files.readString(err));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), millis);
    }
}
