package dev.quarry.runner.store;

/** Where an experiment is in its life. */
public enum ExperimentStatus {
    /** Trials are being run. */
    RUNNING,
    /** Stopped by an exit criterion with a best model saved. */
    COMPLETED,
    /** Stopped with no usable model (e.g. every trial failed). */
    FAILED,
    /** Stopped by the user. */
    CANCELLED,
    /**
     * Its coordinator process died while it ran (found RUNNING, with no live process holding it,
     * when {@code quarry serve} started); {@code quarry resume} continues it, and it is RUNNING again.
     */
    INTERRUPTED
}
