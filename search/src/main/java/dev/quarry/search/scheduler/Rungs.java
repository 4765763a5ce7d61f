package dev.quarry.search.scheduler;

import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The history seen rung by rung: which rung each trial is at and its score at each rung. A value
 * built once per decision; not thread-safe, not shared.
 */
final class Rungs {

    private final SearchHistory history;
    private final ResourceLadder ladder;
    private final Map<Integer, Map<Integer, Double>> scores = new HashMap<>();

    Rungs(SearchHistory history, ResourceLadder ladder) {
        this.history = history;
        this.ladder = ladder;
        for (Observation o : history.observations()) {
            int k = ladder.indexOf(o.resource());
            if (k >= 0) {
                scores.computeIfAbsent(o.trial(), t -> new HashMap<>()).put(k, o.score());
            }
        }
    }

    /** @return the rung of the trial's latest run; -1 if its resource is no rung of this ladder */
    int rungOf(TrialRecord t) {
        return ladder.indexOf(t.resource());
    }

    /** @return the trial's score at rung k, NaN if none */
    double scoreAt(int trial, int k) {
        Double s = scores.getOrDefault(trial, Map.of()).get(k);
        return s == null ? Double.NaN : s;
    }

    /** @return whether the trial may be promoted from rung k: COMPLETED there with a score */
    boolean promotable(TrialRecord t, int k) {
        return t.state() == TrialState.COMPLETED && rungOf(t) == k && !Double.isNaN(scoreAt(t.number(), k));
    }

    /** @return the given trials that have a score at rung k, best first, ties to the lower number */
    List<TrialRecord> ranked(Collection<TrialRecord> trials, int k) {
        Comparator<TrialRecord> byLoss = Comparator.comparingDouble(t -> history.direction().toLoss(scoreAt(t.number(), k)));
        return trials.stream().filter(t -> !Double.isNaN(scoreAt(t.number(), k)))
                .sorted(byLoss.thenComparingInt(TrialRecord::number)).toList();
    }

    /** @return the number of trials to promote from a rung of n: floor(n / η) */
    int quota(int n) {
        return (int) Math.floor(n / ladder.reductionFactor() + 1e-9);
    }

    /** @return the trials with a score at rung k */
    List<TrialRecord> observedAt(int k) {
        return history.trials().stream().filter(t -> scores.getOrDefault(t.number(), Map.of()).containsKey(k)).toList();
    }
}
