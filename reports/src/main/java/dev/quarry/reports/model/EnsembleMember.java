package dev.quarry.reports.model;

/**
 * One configuration in the shipped ensemble.
 *
 * @param trial its trial
 * @param learner its learner
 * @param picks how many times greedy selection picked it (0 for a stack's member, weighted by its meta-learner)
 * @param weight its share of the ensemble, in (0, 1]
 */
public record EnsembleMember(int trial, String learner, int picks, double weight) {

    /** Validates the weight. */
    public EnsembleMember {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("an ensemble weight must be in (0, 1], got " + weight);
        }
    }
}
