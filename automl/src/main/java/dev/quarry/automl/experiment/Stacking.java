package dev.quarry.automl.experiment;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.Stacker;
import dev.quarry.featurize.table.Target;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Stacked generalisation (Wolpert 1992) over the kept trials' out-of-fold predictions, with a
 * regularised linear meta-learner ({@link MetaLearner}) whose penalty is chosen by cross-validation,
 * and whose own score is honest: cross-fitted and nested.
 *
 * <p>The out-of-fold matrix has one row per validation row of each fold (a row validated by several
 * folds, as repeated k-fold does, appears once per fold). It is cut into units: the experiment's
 * folds, or, with a single fold (holdout, validation file), {@value #HOLDOUT_PARTS} seeded parts of
 * it. Each unit's stacked predictions come from a meta-learner fitted on the other units only, whose
 * penalty was itself chosen by cross-validation over those other units (in at most
 * {@value #INNER_FOLDS} inner folds of whole units); and rows
 * that are the same training row as one in the scored unit are left out of its fit. So no label the
 * score is computed on is seen by the meta-learner that predicts it. The score is computed like a
 * trial's: the metric per fold averaged (or on the whole holdout), so it compares with the trials'
 * and the greedy ensemble's on equal terms. The shipped meta-learner is fitted on all units with the
 * penalty chosen over all units.
 *
 * <p>Pure and deterministic given the seed; it gives up (empty) once the clock passes the deadline.
 */
final class Stacking {

    /** Parts a single validation fold is cut into for cross-fitting. */
    static final int HOLDOUT_PARTS = 5;
    /** Penalties tried, strongest first; ties go to the stronger. */
    static final double[] PENALTIES = {1, 1e-1, 1e-2, 1e-3, 1e-4};
    /** Inner folds the penalty is chosen over, at most. */
    static final int INNER_FOLDS = 3;
    /** Rows a meta-learner is fitted on at most (evenly spaced): enough for a handful of weights. */
    static final int MAX_FIT_ROWS = 4000;

    /**
     * A fitted stack.
     *
     * @param stacker the meta-learner fitted on all units
     * @param penalty its chosen penalty
     * @param score the cross-fitted primary metric
     * @param metrics every metric of the task, cross-fitted, like a trial's
     * @param foldPredictions the cross-fitted stacked predictions on each fold's validation rows
     */
    record Result(Stacker stacker, double penalty, double score, Map<String, Double> metrics,
            List<Predictions> foldPredictions) {
    }

    private record Unit(int fold, int[] local, int[] pooled) {
    }

    /**
     * How the penalty is chosen from the cross-validated scores of {@link #PENALTIES}.
     */
    enum PenaltyRule {
        /** The best mean score; ties go to the stronger penalty. */
        BEST,
        /**
         * The strongest penalty whose mean loss is within one standard error (across the held-out
         * units) of the best one's (Breiman et al. 1984): a weaker penalty must earn its sharper
         * weights by more than the units' noise.
         */
        ONE_STANDARD_ERROR
    }

    private static final class Expired extends RuntimeException {
        Expired() {
            super(null, null, false, false);
        }
    }

    private final List<Fold> folds;
    private final Metric metric;
    private final int classes;
    private final double[][][] probs;
    private final double[][] values;
    private final int[] labels;
    private final double[] target;
    private final long[] identity;
    private final List<Unit> units = new ArrayList<>();
    private final int groups;
    private final InstantSource clock;
    private final Instant deadline;
    private final PenaltyRule rule;

    private Stacking(List<Candidate> candidates, List<Fold> folds, Metric metric, long seed, InstantSource clock,
            Instant deadline, PenaltyRule rule) {
        this.rule = rule;
        this.folds = folds;
        this.metric = metric;
        this.clock = clock;
        this.deadline = deadline;
        this.groups = candidates.size();
        Target first = folds.getFirst().testTarget();
        this.classes = first.task().isClassification() ? first.classes().size() : 0;
        int total = folds.stream().mapToInt(f -> f.testTarget().size()).sum();
        probs = classes > 0 ? new double[groups][total][] : null;
        values = classes > 0 ? null : new double[groups][total];
        labels = classes > 0 ? new int[total] : null;
        target = classes > 0 ? null : new double[total];
        identity = new long[total];
        int offset = 0;
        for (int f = 0; f < folds.size(); f++) {
            Fold fold = folds.get(f);
            Target t = fold.testTarget();
            for (int i = 0; i < t.size(); i++) {
                int r = offset + i;
                // rows of a separate validation file are distinct from each other and from any other fold's
                identity[r] = fold.testRows() != null ? fold.testRows()[i] : -1L - r;
                if (classes > 0) {
                    labels[r] = t.labels()[i];
                } else {
                    target[r] = t.values()[i];
                }
                for (int g = 0; g < groups; g++) {
                    Predictions p = candidates.get(g).foldPredictions().get(f);
                    if (classes > 0) {
                        probs[g][r] = p.probabilities()[i];
                    } else {
                        values[g][r] = p.values()[i];
                    }
                }
            }
            if (folds.size() > 1) {
                units.add(unit(f, identityRange(t.size()), offset));
            } else {
                int[] order = identityRange(t.size());
                shuffle(order, new SplittableRandom(seed));
                for (int part = 0; part < HOLDOUT_PARTS; part++) {
                    int from = (int) ((long) part * order.length / HOLDOUT_PARTS);
                    int to = (int) ((long) (part + 1) * order.length / HOLDOUT_PARTS);
                    int[] local = Arrays.copyOfRange(order, from, to);
                    Arrays.sort(local);
                    if (local.length > 0) {
                        units.add(unit(f, local, offset));
                    }
                }
            }
            offset += t.size();
        }
    }

    /**
     * @param candidates the kept trials, best first; at least two
     * @param folds the experiment's folds
     * @param metric the primary metric
     * @param seed cuts a single fold into parts
     * @param clock the time source
     * @param deadline when to give up, or null
     * @return the stack, or empty if it could not be computed before the deadline (or there are fewer
     *     than two candidates or two units)
     */
    static Optional<Result> fit(List<Candidate> candidates, List<Fold> folds, Metric metric, long seed, InstantSource clock,
            Instant deadline) {
        return fit(candidates, folds, metric, seed, clock, deadline, DEFAULT_RULE);
    }

    /** The penalty rule Quarry's stacking uses. */
    static final PenaltyRule DEFAULT_RULE = PenaltyRule.BEST;

    /**
     * @param candidates the kept trials, best first; at least two
     * @param folds the experiment's folds
     * @param metric the primary metric
     * @param seed cuts a single fold into parts
     * @param clock the time source
     * @param deadline when to give up, or null
     * @param rule how the penalty is chosen
     * @return the stack, or empty as {@link #fit(List, List, Metric, long, InstantSource, Instant)} says
     */
    static Optional<Result> fit(List<Candidate> candidates, List<Fold> folds, Metric metric, long seed, InstantSource clock,
            Instant deadline, PenaltyRule rule) {
        if (candidates.size() < 2 || folds.isEmpty()) {
            return Optional.empty();
        }
        var stacking = new Stacking(candidates, folds, metric, seed, clock, deadline, rule);
        if (stacking.units.size() < 3) {
            return Optional.empty();
        }
        int[] groupSizes = candidates.stream().mapToInt(c -> Math.max(1, c.foldModels().size())).toArray();
        try {
            return Optional.of(stacking.run(groupSizes));
        } catch (Expired e) {
            return Optional.empty();
        }
    }

    private Result run(int[] groupSizes) {
        // one stacked prediction per pooled row, each from a meta-learner that never saw its unit
        List<Predictions> unitPredictions = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            Set<Long> excluded = ids(units.get(u));
            Set<Integer> others = new HashSet<>();
            for (int v = 0; v < units.size(); v++) {
                if (v != u) {
                    others.add(v);
                }
            }
            double[] theta = fitChoosing(others, excluded).theta();
            unitPredictions.add(predict(theta, units.get(u).pooled(), groupSizes));
        }
        var foldPredictions = new ArrayList<Predictions>();
        for (int f = 0; f < folds.size(); f++) {
            foldPredictions.add(gather(f, unitPredictions));
        }
        var perFoldMetrics = new ArrayList<Map<String, Double>>();
        for (int f = 0; f < folds.size(); f++) {
            perFoldMetrics.add(Metric.computeAll(folds.get(f).testTarget(), foldPredictions.get(f)));
        }
        Map<String, Double> metrics = FoldMetrics.summarise(perFoldMetrics, metric);
        Set<Integer> all = new HashSet<>();
        for (int u = 0; u < units.size(); u++) {
            all.add(u);
        }
        Fit chosen = fitChoosing(all, Set.of());
        return new Result(MetaLearner.stacker(chosen.theta(), groupSizes, classes), chosen.penalty(),
                metrics.get(metric.id()), metrics, List.copyOf(foldPredictions));
    }

    private record Fit(double[] theta, double penalty) {
    }

    /**
     * Chooses the penalty by cross-validation over the given units (grouped into at most
     * {@value #INNER_FOLDS} inner folds, so the cost grows linearly with the number of units), then
     * fits on all of them.
     */
    private Fit fitChoosing(Set<Integer> trainUnits, Set<Long> excluded) {
        List<Integer> ordered = trainUnits.stream().sorted().toList();
        int inner = Math.min(INNER_FOLDS, ordered.size());
        double[] losses = new double[PENALTIES.length];
        double[] errors = new double[PENALTIES.length];
        double[][] warm = new double[inner][];
        for (int k = 0; k < PENALTIES.length; k++) {
            double c = PENALTIES[k];
            var unitLosses = new ArrayList<Double>();
            for (int j = 0; j < inner; j++) {
                var held = new ArrayList<Integer>();
                var rest = new ArrayList<Integer>();
                for (int i = 0; i < ordered.size(); i++) {
                    (i % inner == j ? held : rest).add(ordered.get(i));
                }
                Set<Long> innerExcluded = new HashSet<>(excluded);
                held.forEach(u -> innerExcluded.addAll(ids(units.get(u))));
                warm[j] = fitOne(rows(rest, innerExcluded), c, warm[j]);
                for (int u : held) {
                    unitLosses.add(metric.direction().toLoss(
                            metric.compute(target(units.get(u)), predict(warm[j], units.get(u).pooled(), null))));
                }
            }
            double mean = unitLosses.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double var = unitLosses.size() < 2 ? 0
                    : unitLosses.stream().mapToDouble(l -> (l - mean) * (l - mean)).sum() / (unitLosses.size() - 1);
            losses[k] = mean;
            errors[k] = Math.sqrt(var / unitLosses.size());
        }
        double bestPenalty = PENALTIES[choose(losses, errors, rule)];
        return new Fit(fitOne(rows(ordered, excluded), bestPenalty, null), bestPenalty);
    }

    /**
     * @param losses each penalty's mean loss over the held-out units, in {@link #PENALTIES} order
     * @param errors their standard errors
     * @param rule the rule
     * @return the chosen penalty's index: the lowest loss (the first, strongest, on ties), or under
     *     {@link PenaltyRule#ONE_STANDARD_ERROR} the first within one standard error of it
     */
    static int choose(double[] losses, double[] errors, PenaltyRule rule) {
        int best = 0;
        for (int k = 1; k < losses.length; k++) {
            if (losses[k] < losses[best]) {
                best = k;
            }
        }
        if (rule == PenaltyRule.BEST) {
            return best;
        }
        for (int k = 0; k < best; k++) {
            if (losses[k] <= losses[best] + errors[best]) {
                return k;
            }
        }
        return best;
    }

    private double[] fitOne(int[] rows, double c, double[] start) {
        if (deadline != null && !clock.instant().isBefore(deadline)) {
            throw new Expired();
        }
        int[] fitRows = rows.length <= MAX_FIT_ROWS ? rows : spaced(rows, MAX_FIT_ROWS);
        return classes > 0 ? MetaLearner.fitLogistic(probs, fitRows, labels, classes, c, start)
                : MetaLearner.fitRidge(values, fitRows, target, c);
    }

    private Predictions predict(double[] theta, int[] pooled, int[] groupSizes) {
        int[] sizes = groupSizes != null ? groupSizes : ones(groups);
        Stacker stacker = MetaLearner.stacker(theta, sizes, classes);
        var parts = new ArrayList<Predictions>(groups);
        for (int g = 0; g < groups; g++) {
            if (classes > 0) {
                double[][] p = new double[pooled.length][];
                for (int i = 0; i < pooled.length; i++) {
                    p[i] = probs[g][pooled[i]];
                }
                parts.add(Predictions.ofProbabilities(p));
            } else {
                double[] v = new double[pooled.length];
                for (int i = 0; i < pooled.length; i++) {
                    v[i] = values[g][pooled[i]];
                }
                parts.add(Predictions.ofValues(v));
            }
        }
        return stacker.combine(parts);
    }

    /** Fold f's stacked predictions, in its row order, from the units cut from it. */
    private Predictions gather(int f, List<Predictions> unitPredictions) {
        int n = folds.get(f).testTarget().size();
        double[][] p = classes > 0 ? new double[n][] : null;
        double[] v = classes > 0 ? null : new double[n];
        for (int u = 0; u < units.size(); u++) {
            Unit unit = units.get(u);
            if (unit.fold() != f) {
                continue;
            }
            Predictions up = unitPredictions.get(u);
            for (int i = 0; i < unit.local().length; i++) {
                if (classes > 0) {
                    p[unit.local()[i]] = up.probabilities()[i];
                } else {
                    v[unit.local()[i]] = up.values()[i];
                }
            }
        }
        return classes > 0 ? Predictions.ofProbabilities(p) : Predictions.ofValues(v);
    }

    private Target target(Unit unit) {
        return folds.get(unit.fold()).testTarget().select(unit.local());
    }

    private Set<Long> ids(Unit unit) {
        Set<Long> out = new HashSet<>();
        for (int r : unit.pooled()) {
            out.add(identity[r]);
        }
        return out;
    }

    private int[] rows(List<Integer> unitIndices, Set<Long> excluded) {
        return unitIndices.stream().flatMapToInt(u -> Arrays.stream(units.get(u).pooled()))
                .filter(r -> !excluded.contains(identity[r])).toArray();
    }

    private static Unit unit(int fold, int[] local, int offset) {
        return new Unit(fold, local, Arrays.stream(local).map(i -> i + offset).toArray());
    }

    private static int[] identityRange(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static int[] ones(int n) {
        int[] out = new int[n];
        Arrays.fill(out, 1);
        return out;
    }

    private static int[] spaced(int[] rows, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = rows[(int) ((long) i * rows.length / n)];
        }
        return out;
    }

    /** Fisher-Yates in place; {@link EnsembleSelection} cuts a holdout with it too. */
    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
