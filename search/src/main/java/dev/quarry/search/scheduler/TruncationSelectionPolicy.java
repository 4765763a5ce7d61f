package dev.quarry.search.scheduler;

import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import java.util.Comparator;
import java.util.List;

/**
 * Azure HyperDrive's truncation selection: at each interval where it applies, stops the trial if
 * it is among the lowest {@code truncationPercentage} percent of the trials that reached that
 * interval.
 *
 * <p>At an interval i where the policy applies (see {@link StoppingPolicy}): the n trials with a
 * (non-NaN) score at their interval i, this one included, are ranked from worst to best (among
 * equal scores the higher trial number counts as worse); the worst {@code floor(n · p / 100)}
 * are truncated. The trial stops iff it is one of them. E.g. p = 30 with 10 trials at the interval:
 * the worst 3 stop; with 3 trials none does.
 *
 * @param truncationPercentage p, in [1, 99]
 * @param evaluationInterval how often the policy applies, at least 1
 * @param delayEvaluation the first interval it may apply at, at least 0
 */
public record TruncationSelectionPolicy(int truncationPercentage, int evaluationInterval, int delayEvaluation)
        implements StoppingPolicy {

    /** Validates. */
    public TruncationSelectionPolicy {
        if (truncationPercentage < 1 || truncationPercentage > 99) {
            throw new IllegalArgumentException("`truncationPercentage` must be in [1, 99], got " + truncationPercentage);
        }
        StoppingPolicy.validate(evaluationInterval, delayEvaluation);
    }

    @Override
    public boolean fallsBehind(SearchHistory history, List<Observation> own) {
        int interval = own.size();
        int trial = own.getLast().trial();
        var d = history.direction();
        Comparator<Observation> worstFirst = Comparator.comparingDouble((Observation o) -> -d.toLoss(o.score()))
                .thenComparing(Comparator.comparingInt(Observation::trial).reversed());
        List<Observation> ranked = StoppingPolicy.atInterval(history, interval).stream().sorted(worstFirst).toList();
        int cut = ranked.size() * truncationPercentage / 100;
        return ranked.subList(0, cut).stream().anyMatch(o -> o.trial() == trial);
    }
}
