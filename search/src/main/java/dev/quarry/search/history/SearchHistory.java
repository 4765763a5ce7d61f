package dev.quarry.search.history;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every trial of an experiment so far, in trial-number order, with every observation (score at a
 * resource) reported so far, as samplers and schedulers see it. Immutable: the experiment loop
 * builds a new history after each event.
 *
 * @param direction whether larger primary-metric values are better
 * @param trials all trials, finished and running, in number order
 * @param observations every observation in arrival order; empty when no scheduler runs
 */
public record SearchHistory(Direction direction, List<TrialRecord> trials, List<Observation> observations) {

    /** Copies the lists and checks the trials' order. */
    public SearchHistory {
        trials = List.copyOf(trials);
        observations = List.copyOf(observations);
        for (int i = 1; i < trials.size(); i++) {
            if (trials.get(i).number() <= trials.get(i - 1).number()) {
                throw new IllegalArgumentException("trials must be in increasing number order");
            }
        }
    }

    /**
     * A history without observations (trials run at the full resource).
     *
     * @param direction the metric's direction
     * @param trials all trials in number order
     */
    public SearchHistory(Direction direction, List<TrialRecord> trials) {
        this(direction, trials, List.of());
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

    /**
     * @param number a trial number
     * @return the trial, if in this history
     */
    public Optional<TrialRecord> trial(int number) {
        return trials.stream().filter(t -> t.number() == number).findFirst();
    }

    /**
     * @param trial a trial number
     * @return its observations in arrival order
     */
    public List<Observation> observationsOf(int trial) {
        return observations.stream().filter(o -> o.trial() == trial).toList();
    }

    /**
     * The history a model-based sampler should learn from under a scheduler (as BOHB does, Falkner
     * et al. 2018): scores at the largest resource with at least {@code minPoints} observations,
     * so that low-fidelity scores are not mixed with high-fidelity ones. Trials without an
     * observation at that resource keep their state but lose their score (they become FAILED if
     * they were finished, so no sampler reads them as good or bad), except running trials, which
     * stay running so constant liars still see them; a trial scored there counts as COMPLETED with
     * that score, even while it runs at a larger resource. Without observations, returns this history.
     *
     * @param minPoints observations a resource needs before it is modelled, at least 1
     * @return the view
     */
    public SearchHistory atModelledResource(int minPoints) {
        if (observations.isEmpty()) {
            return this;
        }
        var byResource = new java.util.TreeMap<Double, java.util.Map<Integer, Double>>();
        for (Observation o : observations) {
            byResource.computeIfAbsent(o.resource(), r -> new java.util.HashMap<>()).put(o.trial(), o.score());
        }
        java.util.Map<Integer, Double> chosen = byResource.firstEntry().getValue();
        for (var e : byResource.descendingMap().entrySet()) {
            if (e.getValue().size() >= minPoints) {
                chosen = e.getValue();
                break;
            }
        }
        var view = new java.util.ArrayList<TrialRecord>();
        for (TrialRecord t : trials) {
            Double s = chosen.get(t.number());
            if (s != null && !Double.isNaN(s)) {
                view.add(new TrialRecord(t.number(), t.params(), TrialState.COMPLETED, s, t.costSeconds(), t.resource()));
            } else if (t.state() == TrialState.RUNNING) {
                view.add(t);
            } else {
                view.add(new TrialRecord(t.number(), t.params(), TrialState.FAILED, Double.NaN, t.costSeconds(), t.resource()));
            }
        }
        return new SearchHistory(direction, view, observations);
    }
}
