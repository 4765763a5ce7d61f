package dev.quarry.automl.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * How much of the time budget an experiment has used, in {@code runs/<experiment>/budget.json},
 * rewritten about once a second while the experiment runs, so that {@code quarry resume} after a
 * killed coordinator continues with what is left. A kill loses at most the last second, which then
 * counts as unused. Written under a temporary name and moved into place: a reader never sees half a file.
 */
final class BudgetCheckpoint {

    /** How often the loop rewrites the file. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private BudgetCheckpoint() {
    }

    static Path file(Path experimentFolder) {
        return experimentFolder.resolve("budget.json");
    }

    /**
     * @param experimentFolder the experiment's folder
     * @param used the budget used so far
     */
    static void write(Path experimentFolder, Duration used) {
        Path file = file(experimentFolder);
        Path tmp = file.resolveSibling("budget.json.tmp");
        try {
            Files.createDirectories(experimentFolder);
            Files.writeString(tmp, JSON.writeValueAsString(Map.of("usedMillis", used.toMillis())));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param experimentFolder the experiment's folder
     * @return the budget used so far; zero if never written
     */
    static Duration read(Path experimentFolder) {
        Path file = file(experimentFolder);
        if (!Files.isRegularFile(file)) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofMillis(JSON.readTree(file.toFile()).path("usedMillis").asLong(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
