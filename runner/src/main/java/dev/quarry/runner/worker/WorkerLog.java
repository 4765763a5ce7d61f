package dev.quarry.runner.worker;

/**
 * Where a remote executor sends what its workers print (stderr, JVM messages such as an
 * out-of-memory exit) and what it decides about them (a lost worker, a re-queued trial), so that
 * each line lands in the log folder of the trial it belongs to. Called from executor threads,
 * possibly several at once; implementations must be thread-safe and must not throw.
 */
@FunctionalInterface
public interface WorkerLog {

    /** Drops every line. */
    WorkerLog NONE = (worker, trial, line) -> { };

    /**
     * @param worker the worker's name, e.g. {@code process-2}
     * @param trial the trial it was running, or {@code -1} if none
     * @param line one line of text, without its line terminator
     */
    void line(String worker, int trial, String line);
}
