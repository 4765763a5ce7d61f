package dev.quarry.reports.model;

/**
 * The budget given and the budget used.
 *
 * @param maxSeconds the wall-clock budget, or null if none was set
 * @param maxTrials the trial budget, or null if none was set
 * @param usedSeconds seconds from the start to the end (or to now, while running), at least 0
 * @param trials child runs recorded, at least 0
 * @param completed of them, completed with a score
 * @param pruned of them, stopped early with a score
 * @param failed of them, failed or cancelled
 */
public record Budget(Double maxSeconds, Integer maxTrials, double usedSeconds, int trials, int completed, int pruned,
        int failed) {

    /** Validates the counts. */
    public Budget {
        if (!(usedSeconds >= 0)) {
            throw new IllegalArgumentException("`usedSeconds >= 0` must hold, got " + usedSeconds);
        }
        if (trials < 0 || completed + pruned + failed > trials) {
            throw new IllegalArgumentException("`completed + pruned + failed <= trials` must hold, got "
                    + completed + " + " + pruned + " + " + failed + " > " + trials);
        }
    }
}
