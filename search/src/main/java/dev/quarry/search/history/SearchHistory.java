package dev.quarry.search.history;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every trial of an experiment so far, in trial-number order, as samplers and schedulers see it.
 * Immutable: the experiment loop builds a new history after each event.
 *
 * @param direction whether larger primary-metric values are better
 * @param trials all trials, finished and running, in number order
 */
public record SearchHistory(Direction direction, List<TrialRecord> trials) {

    /** Copies the trials and checks their order. */
    public SearchHistory {
        trials = List.copyOf(trials);
        for (int i = 1; i < trials.size(); i++) {
            if (trials.get(i).number() <= trials.get(i - 1).number()) {
                throw new IllegalArgumentException("trials must be in increasing number order");
            }
        }
    }

    /**
     * @param direction the metric's direction
     * @return a history with no trials
     */
    public static SearchHistory empty(Direction direction) {
        return new SearchHistory(direction, List.of());
    }

    /** @return the trials with a usable score */
    public List<TrialRecord> scored() {
        return trials.stream().filter(TrialRecord::hasScore).toList();
    }

    /** @return the trials still running */
    public List<TrialRecord> running() {
        return trials.stream().filter(t -> t.state() == TrialState.RUNNING).toList();
    }

    /** @return the best scored trial; ties go to the lower trial number */
    public Optional<TrialRecord> best() {
        Comparator<TrialRecord> byScore = Comparator.comparingDouble(t -> direction.toLoss(t.score()));
        return scored().stream().min(byScore.thenComparingInt(TrialRecord::number));
    }

    /** @return the number the next proposed trial gets */
    public int nextNumber() {
        return trials.isEmpty() ? 0 : trials.getLast().number() + 1;
    }
}
