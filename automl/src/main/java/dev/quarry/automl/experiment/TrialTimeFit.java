package dev.quarry.automl.experiment;

import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which learners' trials cannot finish before the search's deadline. A trial still running when the
 * search stops is cancelled and its work is lost: in a 2-minute run on electricity two extra-trees
 * trials started at 52 s and 78 s were cancelled at 100 s after 48 s and 22 s, a third of the
 * workers' time. So, with a time budget, a new trial is not given to a learner whose completed trials
 * took longer (median wall-clock seconds) than {@value #SHARE} of the time the search has left (trials
 * of one learner vary); its worker takes a faster learner, or the search ends early and the final
 * phase gets the time. Failed and cancelled trials do not count: they stopped before doing a trial's
 * work. Learners without a completed trial are never left out. Without a time budget nothing is, so runs bounded by trial counts stay
 * reproducible.
 */
final class TrialTimeFit {

    /** The share of the search's time left that a learner's median trial may take. */
    static final double SHARE = 0.8;

    private TrialTimeFit() {
    }

    /**
     * @param history the search so far
     * @param left the time until the search stops
     * @return the learners too slow for that (median trial seconds over {@value #SHARE} of it), each with its
     *     median trial seconds, by name
     */
    static Map<String, Double> tooSlow(SearchHistory history, Duration left) {
        double seconds = SHARE * left.toMillis() / 1000.0;
        var durations = new TreeMap<String, List<Double>>();
        for (TrialRecord t : history.trials()) {
            if (t.state() == TrialState.COMPLETED) {
                durations.computeIfAbsent(t.params().learner(), k -> new ArrayList<>()).add(t.costSeconds());
            }
        }
        var out = new TreeMap<String, Double>();
        durations.forEach((learner, d) -> {
            double median = median(d);
            if (median > seconds) {
                out.put(learner, median);
            }
        });
        return out;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
