package dev.quarry.search.history;

/** Why a trial failed. Failures are data: the experiment records them and goes on. */
public enum FailureKind {
    /** The learner or featurizer threw. */
    LEARNER_ERROR,
    /** The trial ran past its time limit. */
    TIMEOUT,
    /** The trial ran out of heap. */
    OUT_OF_MEMORY,
    /** The worker running it died or left. */
    WORKER_LOST,
    /** The experiment stopped (budget, exit score, user) while the trial ran. */
    CANCELLED
}
