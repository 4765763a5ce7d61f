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

    /** Median seconds of each learner's completed trials, by name. */
    private final Map<String, Double> medianSeconds;
    /** Median seconds per iteration of each iterative learner's completed trials, by name. */
    private final Map<String, Double> medianSecondsPerIteration;
    private final Map<String, String> iterationParameters;

    private TrialTimeFit(Map<String, Double> medianSeconds, Map<String, Double> medianSecondsPerIteration,
            Map<String, String> iterationParameters) {
        this.medianSeconds = medianSeconds;
        this.medianSecondsPerIteration = medianSecondsPerIteration;
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
        return new TrialTimeFit(medians(seconds), medians(perIteration), iterationParameters);
    }

    /**
     * @param params a proposal
     * @return its estimated wall-clock seconds, empty when its learner has no completed trial
     */
    OptionalDouble estimate(Params params) {
        String learner = params.learner();
        double iterations = iterations(params, iterationParameters.get(learner));
        if (iterations > 0 && medianSecondsPerIteration.containsKey(learner)) {
            return OptionalDouble.of(medianSecondsPerIteration.get(learner) * iterations);
        }
        Double median = medianSeconds.get(learner);
        return median == null ? OptionalDouble.empty() : OptionalDouble.of(median);
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
        medianSeconds.forEach((learner, median) -> {
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

    private static Map<String, Double> medians(Map<String, List<Double>> values) {
        var out = new TreeMap<String, Double>();
        values.forEach((learner, v) -> out.put(learner, median(v)));
        return out;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
