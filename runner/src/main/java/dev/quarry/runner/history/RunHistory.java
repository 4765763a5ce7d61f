package dev.quarry.runner.history;

import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import java.util.Comparator;
import java.util.List;

/**
 * Turns recorded child runs back into the {@link SearchHistory} samplers and schedulers read, so an
 * experiment can be resumed by replaying its run store.
 */
public final class RunHistory {

    /** The metric a scheduled trial's result carries: the resource of its last run. */
    public static final String RESOURCE_METRIC = "resource";

    private RunHistory() {
    }

    /**
     * Maps each child run to a {@link TrialRecord}: same number, params, state and score, with the
     * run's wall-clock duration in seconds (to the millisecond, as the experiment loop counts it)
     * as its cost. RUNNING runs are kept, with cost 0 as the store records them. A COMPLETED run
     * without a score (NaN) becomes FAILED: a search cannot use it, and {@link TrialRecord} rejects
     * a COMPLETED trial without one.
     *
     * @param direction the primary metric's direction
     * @param trials the child runs of one experiment, in any order
     * @return the history in trial-number order
     * @throws IllegalArgumentException if two runs share a trial number (e.g. two experiments mixed)
     */
    public static SearchHistory toSearchHistory(Direction direction, List<TrialResult> trials) {
        return toSearchHistory(direction, trials, List.of());
    }

    /**
     * As {@link #toSearchHistory(Direction, List)}, with a scheduler's observations: each trial's
     * resource is its result's {@code resource} metric if recorded (the rung of its last run, which
     * the experiment writes for every scheduled trial), else that of its last observation, else NaN.
     *
     * @param direction the primary metric's direction
     * @param trials the child runs of one experiment, in any order
     * @param observations the experiment's observations in recorded order
     * @return the history, observations included
     */
    public static SearchHistory toSearchHistory(Direction direction, List<TrialResult> trials,
            List<Observation> observations) {
        var lastResource = new java.util.HashMap<Integer, Double>();
        observations.forEach(o -> lastResource.put(o.trial(), o.resource()));
        List<TrialRecord> records = trials.stream()
                .sorted(Comparator.comparingInt(TrialResult::number))
                .map(t -> record(t, t.metrics().getOrDefault(RESOURCE_METRIC, lastResource.getOrDefault(t.number(), Double.NaN))))
                .toList();
        for (int i = 1; i < records.size(); i++) {
            if (records.get(i).number() == records.get(i - 1).number()) {
                throw new IllegalArgumentException("trial numbers must be unique within a history, got "
                        + records.get(i).number() + " twice");
            }
        }
        return new SearchHistory(direction, records, observations);
    }

    private static TrialRecord record(TrialResult t, double resource) {
        TrialState state = t.state() == TrialState.COMPLETED && Double.isNaN(t.score()) ? TrialState.FAILED : t.state();
        double cost = t.state() == TrialState.RUNNING ? 0 : t.duration().toMillis() / 1000.0;
        return new TrialRecord(t.number(), t.params(), state, t.score(), cost, resource);
    }
}
