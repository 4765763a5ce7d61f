package dev.quarry.runner.store;

import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Observation;
import dev.quarry.search.space.Params;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records experiments and child runs durably, as they happen, so that a crash loses nothing already
 * reported. Thread-safe: executors call it from several threads. Writes are visible to readers
 * (another process included) once the method returns.
 */
public interface RunStore extends AutoCloseable {

    /**
     * @param experiment a new experiment, status RUNNING
     * @throws IllegalStateException if the id exists
     */
    void createExperiment(ExperimentRecord experiment);

    /**
     * Records that a trial started; the child run appears with state RUNNING.
     *
     * @param experimentId the experiment
     * @param number the trial number
     * @param params what it tries
     * @param seed its seed
     * @param started when
     * @param worker where
     */
    void trialStarted(String experimentId, int number, Params params, long seed, Instant started, String worker);

    /**
     * Records a trial's end, replacing its RUNNING row (or inserting one if the start was never
     * recorded). Recording the same trial's end twice keeps the first.
     *
     * @param result the finished trial
     */
    void trialFinished(TrialResult result);

    /**
     * Marks the experiment ended.
     *
     * @param experimentId the experiment
     * @param status COMPLETED, FAILED, CANCELLED or INTERRUPTED
     * @param stopReason why it stopped, for people
     * @param finished when
     * @param bestTrial the best trial's number, or null
     * @param bestScore the best score, or NaN
     */
    void finishExperiment(String experimentId, ExperimentStatus status, String stopReason, Instant finished,
            Integer bestTrial, double bestScore);

    /**
     * Marks an experiment RUNNING again, for a coordinator that resumes it: its stop reason, end
     * time and best trial are cleared until it finishes anew. Its child runs are untouched.
     *
     * @param experimentId the experiment
     */
    void reopenExperiment(String experimentId);

    /**
     * @param experimentId an id
     * @return the experiment, if recorded
     */
    Optional<ExperimentRecord> experiment(String experimentId);

    /** @return every experiment, newest first */
    List<ExperimentRecord> experiments();

    /**
     * @param experimentId an id
     * @return its child runs in trial-number order; RUNNING ones have state RUNNING, NaN score,
     *     null failure and {@code finished == started}
     */
    List<TrialResult> trials(String experimentId);

    /**
     * Records a trial's intermediate score at a resource (a scheduler's rung), in arrival order,
     * so that a resumed experiment replays the scheduler's decisions.
     *
     * @param experimentId the experiment
     * @param observation the score at a resource
     */
    void observed(String experimentId, Observation observation);

    /**
     * @param experimentId an id
     * @return its observations in the order they were recorded; empty without a scheduler
     */
    List<Observation> observations(String experimentId);

    /**
     * Records that a scheduler started one run of a trial at a resource (a new trial at its first
     * rung, or a promotion), in decision order and before the run is submitted, so that a resumed
     * experiment knows which runs were in flight when its coordinator died.
     *
     * @param experimentId the experiment
     * @param trial the trial number
     * @param resource the run's resource
     * @param params the trial's params
     */
    void rungStarted(String experimentId, int trial, double resource, Params params);

    /**
     * Records the end of the trial's latest run started with {@link #rungStarted}, successful or not.
     *
     * @param experimentId the experiment
     * @param trial the trial number
     * @param seconds the run's wall-clock seconds
     * @param fitSeconds the run's fit seconds
     */
    void rungFinished(String experimentId, int trial, double seconds, double fitSeconds);

    /**
     * @param experimentId an id
     * @return its scheduled runs in decision order; empty without a scheduler
     */
    List<RungRun> rungRuns(String experimentId);

    @Override
    void close();
}
