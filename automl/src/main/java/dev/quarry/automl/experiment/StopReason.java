package dev.quarry.automl.experiment;

/** Why an experiment stopped starting trials. Recorded with the experiment. */
public enum StopReason {
    /** {@code budget.maxTrials} trials were run. */
    MAX_TRIALS("reached maxTrials"),
    /** The wall-clock budget, less the time kept for the final refit, ran out. */
    TIME_BUDGET("time budget used"),
    /** A trial reached {@code budget.exitScore}. */
    EXIT_SCORE("exitScore reached"),
    /** {@code budget.stagnation} trials in a row did not improve the best score. */
    STAGNATION("no improvement within the stagnation limit"),
    /** Too many trials in a row failed; something is wrong with the data or the setup. */
    TOO_MANY_FAILURES("too many consecutive trial failures"),
    /** The sampler has nothing left to propose (a finished grid). */
    SEARCH_SPACE_EXHAUSTED("search space exhausted"),
    /**
     * The sampler or scheduler threw while proposing a trial (a bug, reported in the experiment's
     * logs): the search stops, and the best model so far is still made from the runs recorded.
     */
    SEARCH_ERROR("the search strategy failed (see logs/experiment.log)"),
    /** The user cancelled. */
    CANCELLED("cancelled");

    private final String description;

    StopReason(String description) {
        this.description = description;
    }

    /** @return a short phrase for people */
    public String description() {
        return description;
    }
}
