package dev.quarry.automl.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/**
 * A child run's folder: {@code outputs/result.json} (learner, params, state, metrics, timings) and
 * {@code logs/trial.log} (the state, and the full error of a failed run), written when it finishes.
 */
final class ChildRunFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ChildRunFiles() {
    }

    static void write(Workspace workspace, TrialResult r) {
        var result = new LinkedHashMap<String, Object>();
        result.put("run", r.runId());
        result.put("learner", r.params().learner());
        result.put("params", r.params().values());
        result.put("state", r.state().name());
        result.put("failure", r.failure() == null ? null : r.failure().name());
        result.put("score", Double.isNaN(r.score()) ? null : r.score());
        result.put("metrics", r.metrics());
        result.put("started", r.started().toString());
        result.put("finished", r.finished().toString());
        result.put("fitSeconds", r.fitSeconds());
        result.put("worker", r.worker());
        result.put("seed", r.seed());
        try {
            writeString(workspace.outputs(r.runId()).resolve("result.json"),
                    JSON.writeValueAsString(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String log = r.error() == null ? r.state() + "\n" : r.state() + " " + r.failure() + "\n" + r.error() + "\n";
        writeString(workspace.logs(r.runId()).resolve("trial.log"), log);
    }

    /**
     * Appends a failure with its stack trace to a log file, creating its folder; never throws (the
     * caller is already handling a failure).
     */
    static void appendLog(Path file, Throwable failure) {
        try {
            Files.createDirectories(file.getParent());
            var trace = new java.io.StringWriter();
            failure.printStackTrace(new java.io.PrintWriter(trace));
            Files.writeString(file, java.time.Instant.now() + " " + trace, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            System.err.println("quarry: cannot write " + file + ": " + e.getMessage() + "; the failure was: " + failure);
        }
    }

    static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
