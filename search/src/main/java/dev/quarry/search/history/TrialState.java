package dev.quarry.search.history;

/** Where a trial (child run) is in its life. Terminal states never change again. */
public enum TrialState {
    /** Handed to an executor, not finished. */
    RUNNING,
    /** Finished with a score. */
    COMPLETED,
    /** Finished without a score; see {@link FailureKind}. */
    FAILED,
    /** Stopped early by a scheduler or policy, with the score it had reached. */
    PRUNED;

    /** @return whether the state is final */
    public boolean isTerminal() {
        return this != RUNNING;
    }
}
