package dev.quarry.automl.report;

import dev.quarry.reports.model.Charts;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Computes the report's chart series from the child runs. Pure. */
final class ChartSeries {

    /** Hyperparameter charts shown at most. */
    static final int MAX_PARAM_CHARTS = 4;
    /** Scored child runs of a learner needed before its hyperparameters are charted. */
    static final int MIN_PARAM_POINTS = 6;

    private ChartSeries() {
    }

    /**
     * @param trials every child run
     * @param direction the metric's direction
     * @param start when the experiment started
     * @param now the end of running child runs' spans
     * @param ensembleLearners the learner names of ensemble child runs (not charted per worker or param)
     * @return the series
     */
    static Charts of(List<TrialResult> trials, Direction direction, Instant start, Instant now,
            java.util.Set<String> ensembleLearners) {
        List<TrialResult> scored = trials.stream().filter(t -> scored(t)).toList();
        return new Charts(bestOverTime(scored, direction, start), byLearner(scored, direction),
                params(scored.stream().filter(t -> !ensembleLearners.contains(t.params().learner())).toList(), direction),
                workers(trials.stream().filter(t -> !ensembleLearners.contains(t.params().learner())).toList(), start, now));
    }

    static boolean scored(TrialResult t) {
        return (t.state() == TrialState.COMPLETED || t.state() == TrialState.PRUNED) && Double.isFinite(t.score());
    }

    static double seconds(Instant start, Instant at) {
        return Math.max(0, Duration.between(start, at).toNanos() / 1e9);
    }

    private static List<Charts.BestPoint> bestOverTime(List<TrialResult> scored, Direction direction, Instant start) {
        var out = new ArrayList<Charts.BestPoint>();
        double best = Double.NaN;
        for (TrialResult t : scored.stream().filter(t -> t.state() == TrialState.COMPLETED)
                .sorted(Comparator.comparing(TrialResult::finished).thenComparingInt(TrialResult::number)).toList()) {
            if (Double.isNaN(best) || direction.isBetter(t.score(), best)) {
                best = t.score();
                out.add(new Charts.BestPoint(seconds(start, t.finished()), best, t.number()));
            }
        }
        return out;
    }

    private static List<Charts.LearnerScores> byLearner(List<TrialResult> scored, Direction direction) {
        Map<String, List<Double>> groups = new TreeMap<>();
        scored.forEach(t -> groups.computeIfAbsent(t.params().learner(), k -> new ArrayList<>()).add(t.score()));
        var out = new ArrayList<Charts.LearnerScores>();
        groups.forEach((learner, scores) -> out.add(new Charts.LearnerScores(learner, scores,
                scores.stream().reduce((a, b) -> direction.isBetter(a, b) ? a : b).orElseThrow())));
        out.sort(Comparator.comparingDouble((Charts.LearnerScores l) -> direction.toLoss(l.best())));
        return out;
    }

    private static List<Charts.ParamEffect> params(List<TrialResult> scored, Direction direction) {
        Map<String, List<TrialResult>> byLearner = new TreeMap<>();
        scored.forEach(t -> byLearner.computeIfAbsent(t.params().learner(), k -> new ArrayList<>()).add(t));
        var effects = new ArrayList<Charts.ParamEffect>();
        byLearner.forEach((learner, runs) -> {
            if (runs.size() < MIN_PARAM_POINTS) {
                return;
            }
            var names = new TreeSet<String>();
            runs.forEach(t -> names.addAll(t.params().values().keySet()));
            for (String name : names) {
                effect(learner, name, runs).ifPresent(effects::add);
            }
        });
        effects.sort(Comparator.comparingDouble(Charts.ParamEffect::influence).reversed()
                .thenComparing(Charts.ParamEffect::learner).thenComparing(Charts.ParamEffect::param));
        return effects.subList(0, Math.min(MAX_PARAM_CHARTS, effects.size()));
    }

    private static java.util.Optional<Charts.ParamEffect> effect(String learner, String name, List<TrialResult> runs) {
        var with = runs.stream().filter(t -> t.params().values().get(name) != null).toList();
        if (with.size() < MIN_PARAM_POINTS) {
            return java.util.Optional.empty();
        }
        boolean numeric = with.stream().allMatch(t -> t.params().values().get(name) instanceof Number n
                && Double.isFinite(n.doubleValue()));
        double[] y = with.stream().mapToDouble(TrialResult::score).toArray();
        var points = new ArrayList<Charts.ParamPoint>();
        double influence;
        if (numeric) {
            double[] x = with.stream().mapToDouble(t -> ((Number) t.params().values().get(name)).doubleValue()).toArray();
            if (java.util.Arrays.stream(x).distinct().count() < 2) {
                return java.util.Optional.empty();
            }
            influence = ParamInfluence.spearman(x, y);
            for (int i = 0; i < x.length; i++) {
                points.add(new Charts.ParamPoint(x[i], null, y[i]));
            }
        } else {
            List<String> labels = with.stream().map(t -> String.valueOf(t.params().values().get(name))).toList();
            if (new java.util.HashSet<>(labels).size() < 2) {
                return java.util.Optional.empty();
            }
            influence = ParamInfluence.etaSquared(labels, y);
            for (int i = 0; i < labels.size(); i++) {
                points.add(new Charts.ParamPoint(null, labels.get(i), y[i]));
            }
        }
        return java.util.Optional.of(new Charts.ParamEffect(learner, name, numeric, influence, points));
    }

    private static List<Charts.WorkerLane> workers(List<TrialResult> trials, Instant start, Instant now) {
        Map<String, List<Charts.Span>> lanes = new LinkedHashMap<>();
        trials.stream().sorted(Comparator.comparing(TrialResult::started).thenComparingInt(TrialResult::number)).forEach(t -> {
            double s = seconds(start, t.started());
            double e = Math.max(s, seconds(start, t.state() == TrialState.RUNNING ? now : t.finished()));
            lanes.computeIfAbsent(t.worker() == null ? "unknown" : t.worker(), k -> new ArrayList<>())
                    .add(new Charts.Span(t.number(), s, e, t.state().name()));
        });
        var out = new ArrayList<Charts.WorkerLane>();
        new TreeMap<>(lanes).forEach((w, spans) -> out.add(new Charts.WorkerLane(w, spans)));
        return out;
    }
}
