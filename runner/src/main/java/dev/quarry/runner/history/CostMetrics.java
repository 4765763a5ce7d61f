package dev.quarry.runner.history;

import java.util.Set;

/**
 * The names under which a child run's deployment cost is kept in its metrics map (so the run store
 * needs no new columns): what one prediction costs and how large the model is. Latencies are
 * wall-clock measurements and vary from run to run; the size is a pure function of the fitted model.
 */
public final class CostMetrics {

    /** Median milliseconds to score one row (featurizer and model), on a sample of validation rows. */
    public static final String PREDICT_P50_MS = "predict_p50_ms";
    /** 99th-percentile milliseconds to score one row, on the same sample. */
    public static final String PREDICT_P99_MS = "predict_p99_ms";
    /** Bytes of the serialised model (one fold model for a trial; all members for an ensemble). */
    public static final String ARTIFACT_BYTES = "artifact_bytes";
    /**
     * Milliseconds it took to serialise and compress the bytes counted in {@link #ARTIFACT_BYTES}
     * (on the trial's worker, while it measured them): what writing the model will cost, measured
     * rather than guessed from the size, since bytes per second differ fivefold between model kinds.
     */
    public static final String ARTIFACT_WRITE_MS = "artifact_write_ms";

    /** The keys that are timings, so vary between identical runs. */
    public static final Set<String> TIMINGS = Set.of(PREDICT_P50_MS, PREDICT_P99_MS, ARTIFACT_WRITE_MS);

    /** Every cost key; none of them is a quality metric. */
    public static final Set<String> ALL = Set.of(PREDICT_P50_MS, PREDICT_P99_MS, ARTIFACT_BYTES, ARTIFACT_WRITE_MS);

    private CostMetrics() {
    }
}
