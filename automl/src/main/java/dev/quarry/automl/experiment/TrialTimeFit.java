package dev.quarry.automl.experiment;

import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * How long a new trial would take, from the trials completed so far, so that none is started that
 * could not finish before the search stops. A trial still running then is cancelled and its work is
 * lost: in a 2-minute run on electricity two extra-trees trials started at 52 s and 78 s were cancelled
 * at 100 s after 48 s and 22 s, a third of the workers' time. With a time budget, a proposal whose
 * estimate exceeds {@value #SHARE} of the time the search has left is not started (trials vary); the
 * sampler proposes from the other learners, and when none fits the search ends and the final phase
 * gets the time.
 *
 * <p>The estimate is the median wall-clock seconds of the learner's completed trials; for a learner
 * with an iterations hyperparameter (trees, epochs), the median seconds per iteration times the
 * proposal's iterations (extra-trees trials of 50 and 200 trees took 23 and over 56 s on electricity).
 * Failed and cancelled trials do not count: they stopped before doing a trial's work. A learner
 * without a completed trial has no estimate and is never held back. Without a time budget nothing is,
 * so runs bounded by trial counts stay reproducible.
 */
final class TrialTimeFit {

    /** The share of the search's time left that a trial's estimate may take. */
    static final double SHARE = 0.8;

    private final Map<String, List<Double>> seconds;
    private final Map<String, List<Double>> secondsPerIteration;
    private final Map<String, String> iterationParameters;

    private TrialTimeFit(Map<String, List<Double>> seconds, Map<String, List<Double>> secondsPerIteration,
            Map<String, String> iterationParameters) {
        this.seconds = seconds;
        this.secondsPerIteration = secondsPerIteration;
        this.iterationParameters = Map.copyOf(iterationParameters);
    }

    /**
     * @param history the search so far
     * @param iterationParameters each iterative learner's iterations hyperparameter, by learner name
     * @return the estimates this history supports
     */
    static TrialTimeFit of(SearchHistory history, Map<String, String> iterationParameters) {
        var seconds = new TreeMap<String, List<Double>>();
        var perIteration = new TreeMap<String, List<Double>>();
        for (TrialRecord t : history.trials()) {
            if (t.state() != TrialState.COMPLETED) {
                continue;
            }
            String learner = t.params().learner();
            seconds.computeIfAbsent(learner, k -> new ArrayList<>()).add(t.costSeconds());
            double iterations = iterations(t.params(), iterationParameters.get(learner));
            if (iterations > 0) {
                perIteration.computeIfAbsent(learner, k -> new ArrayList<>()).add(t.costSeconds() / iterations);
            }
        }
        return new TrialTimeFit(seconds, perIteration, iterationParameters);
    }

    /**
     * @param params a proposal
     * @return its estimated wall-clock seconds, empty when its learner has no completed trial
     */
    OptionalDouble estimate(Params params) {
        String learner = params.learner();
        double iterations = iterations(params, iterationParameters.get(learner));
        if (iterations > 0 && secondsPerIteration.containsKey(learner)) {
            return OptionalDouble.of(median(secondsPerIteration.get(learner)) * iterations);
        }
        return seconds.containsKey(learner) ? OptionalDouble.of(median(seconds.get(learner))) : OptionalDouble.empty();
    }

    /**
     * @param params a proposal
     * @param left the time until the search stops
     * @return whether it may start: no estimate, or one within {@value #SHARE} of {@code left}
     */
    boolean fits(Params params, Duration left) {
        OptionalDouble e = estimate(params);
        return e.isEmpty() || e.getAsDouble() <= SHARE * left.toMillis() / 1000.0;
    }

    /**
     * @param left the time until the search stops
     * @return the learners whose median completed trial takes more than {@value #SHARE} of it, with
     *     that median, by name (no new trial of theirs is proposed)
     */
    Map<String, Double> tooSlow(Duration left) {
        var out = new TreeMap<String, Double>();
        seconds.forEach((learner, s) -> {
            double median = median(s);
            if (median > SHARE * left.toMillis() / 1000.0) {
                out.put(learner, median);
            }
        });
        return out;
    }

    private static double iterations(Params params, String parameter) {
        if (parameter == null || !(params.values().get(parameter) instanceof Number n)) {
            return 0;
        }
        return n.doubleValue();
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
