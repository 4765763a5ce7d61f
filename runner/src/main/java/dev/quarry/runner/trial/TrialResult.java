package dev.quarry.runner.trial;

import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A finished child run as the run store records it.
 *
 * @param experimentId the experiment
 * @param number the trial number
 * @param params what was tried
 * @param seed the trial's seed
 * @param state COMPLETED, FAILED or PRUNED; RUNNING only when read back from a run store mid-trial
 * @param failure why it failed; null unless FAILED
 * @param error the failure's message (first line of the exception and its class); null unless FAILED
 * @param score the primary metric; NaN unless COMPLETED or PRUNED
 * @param metrics all metrics by name; empty if FAILED
 * @param started when the executor started it
 * @param finished when it ended
 * @param fitSeconds time spent fitting; 0 if FAILED
 * @param worker which worker ran it, e.g. {@code local-1}
 */
public record TrialResult(String experimentId, int number, Params params, long seed, TrialState state,
        FailureKind failure, String error, double score, Map<String, Double> metrics, Instant started,
        Instant finished, double fitSeconds, String worker) {

    /** Validates consistency. */
    public TrialResult {
        metrics = Map.copyOf(metrics);
        if ((state == TrialState.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("failure kind is set exactly when FAILED (trial " + number + ")");
        }
    }

    /**
     * @param task the task
     * @param evaluation what it measured
     * @param started when it started
     * @param finished when it ended
     * @param worker the worker
     * @return a COMPLETED result
     */
    public static TrialResult completed(TrialTask task, Evaluation evaluation, Instant started, Instant finished,
            String worker) {
        return new TrialResult(task.experimentId(), task.number(), task.params(), task.seed(), TrialState.COMPLETED,
                null, null, evaluation.score(), evaluation.metrics(), started, finished, evaluation.fitSeconds(), worker);
    }

    /**
     * @param task the task
     * @param kind why it failed
     * @param error what went wrong
     * @param started when it started
     * @param finished when it ended
     * @param worker the worker
     * @return a FAILED result
     */
    public static TrialResult failed(TrialTask task, FailureKind kind, String error, Instant started, Instant finished,
            String worker) {
        return new TrialResult(task.experimentId(), task.number(), task.params(), task.seed(), TrialState.FAILED,
                kind, error, Double.NaN, Map.of(), started, finished, 0, worker);
    }

    /** @return the wall-clock duration */
    public Duration duration() {
        return Duration.between(started, finished);
    }

    /** @return the child run id */
    public String runId() {
        return experimentId + "_" + number;
    }
}
