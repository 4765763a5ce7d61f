package dev.quarry.search.scheduler;

import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The median stopping rule (Golovin et al. 2017, Google Vizier; Azure HyperDrive's median policy):
 * stops a trial whose best score so far is worse than the median of the other trials' running
 * averages.
 *
 * <p>At an interval i where the policy applies (see {@link StoppingPolicy}): for every other trial
 * with at least i observations, its running average is the mean of its first i (non-NaN) scores;
 * M is the median of those averages (the mean of the two middle ones for an even count). The trial
 * stops iff its best score among its first i observations is strictly worse than M. With no other
 * trial at interval i it goes on.
 *
 * @param evaluationInterval how often the policy applies, at least 1
 * @param delayEvaluation the first interval it may apply at, at least 0
 */
public record MedianStoppingPolicy(int evaluationInterval, int delayEvaluation) implements StoppingPolicy {

    /** Validates. */
    public MedianStoppingPolicy {
        StoppingPolicy.validate(evaluationInterval, delayEvaluation);
    }

    @Override
    public boolean fallsBehind(SearchHistory history, List<Observation> own) {
        int interval = own.size();
        int trial = own.getLast().trial();
        var d = history.direction();
        double best = Double.NaN;
        for (Observation o : own) {
            if (d.isBetter(o.score(), best)) {
                best = o.score();
            }
        }
        var firstScores = new HashMap<Integer, List<Double>>();
        for (Observation o : history.observations()) {
            if (o.trial() == trial) {
                continue;
            }
            List<Double> scores = firstScores.computeIfAbsent(o.trial(), t -> new ArrayList<>());
            scores.add(o.score());
        }
        double[] averages = firstScores.values().stream().filter(s -> s.size() >= interval)
                .mapToDouble(s -> s.subList(0, interval).stream().filter(v -> !Double.isNaN(v))
                        .mapToDouble(Double::doubleValue).average().orElse(Double.NaN))
                .filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (averages.length == 0) {
            return false;
        }
        int n = averages.length;
        double median = n % 2 == 1 ? averages[n / 2] : (averages[n / 2 - 1] + averages[n / 2]) / 2;
        return d.isBetter(median, best);
    }
}
