package dev.quarry.runner.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workspace folder layout (Azure ML's run history, on disk):
 * <pre>
 *   &lt;root&gt;/quarry.db                     the run store
 *   &lt;root&gt;/runs/&lt;experiment&gt;/outputs/   an experiment's config, leaderboard and model
 *   &lt;root&gt;/runs/&lt;experiment&gt;_&lt;n&gt;/outputs/ and logs/   child run n
 * </pre>
 *
 * @param root the workspace folder
 */
public record Workspace(Path root) {

    /**
     * @param root the folder; created with its {@code runs/} if absent
     * @return the workspace
     */
    public static Workspace open(Path root) {
        try {
            Files.createDirectories(root.resolve("runs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create workspace " + root + ": " + e.getMessage(), e);
        }
        return new Workspace(root);
    }

    /** @return the run store's database file */
    public Path database() {
        return root.resolve("quarry.db");
    }

    /**
     * @param runId an experiment id or a child run id
     * @return its folder (not created)
     */
    public Path runDir(String runId) {
        return root.resolve("runs").resolve(runId);
    }

    /**
     * @param runId an experiment id or a child run id
     * @return its {@code outputs/} folder, created if absent
     */
    public Path outputs(String runId) {
        return created(runDir(runId).resolve("outputs"));
    }

    /**
     * @param runId an experiment id or a child run id
     * @return its {@code logs/} folder, created if absent
     */
    public Path logs(String runId) {
        return created(runDir(runId).resolve("logs"));
    }

    private static Path created(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a folder and everything in it, if it exists; what is already gone is skipped.
     *
     * @param dir the folder
     * @throws IOException if something in it cannot be deleted
     */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
