package dev.quarry.automl.experiment;

import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.worker.WorkerLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * Puts worker output where people look for it: lines about a trial in that child run's
 * {@code logs/worker.log}, lines about no trial (start-up, exits) in the experiment's
 * {@code logs/workers.log}, each prefixed with the worker's name. Thread-safe; never throws
 * (a log that cannot be written is reported on stderr).
 */
final class ChildRunLogs implements WorkerLog {

    private final Workspace workspace;
    private final String experimentId;

    ChildRunLogs(Workspace workspace, String experimentId) {
        this.workspace = workspace;
        this.experimentId = experimentId;
    }

    @Override
    public synchronized void line(String worker, int trial, String line) {
        try {
            var file = trial >= 0 ? workspace.logs(experimentId + "_" + trial).resolve("worker.log")
                    : workspace.logs(experimentId).resolve("workers.log");
            Files.writeString(file, "[" + worker + "] " + line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            System.err.println("quarry: cannot write a worker log line (" + e.getMessage() + "): [" + worker + "] " + line);
        }
    }
}
