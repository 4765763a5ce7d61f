package dev.quarry.automl.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.reports.model.Best;
import dev.quarry.reports.model.Budget;
import dev.quarry.reports.model.Diagnostics;
import dev.quarry.reports.model.EnsembleMember;
import dev.quarry.reports.model.ExperimentReport;
import dev.quarry.reports.model.Guardrails;
import dev.quarry.reports.model.RunRow;
import dev.quarry.reports.model.Shipped;
import dev.quarry.reports.model.Summary;
import dev.quarry.runner.history.CostMetrics;
import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.history.LeaderboardEntry;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.TrialState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Builds an experiment's report from its run-history record, its child runs and what only the run
 * knew ({@link ReportInputs}). The same code serves the report written during a run and the one
 * {@code quarry report} regenerates, so both show the same thing. Pure.
 */
public final class ReportAssembler {

    /** The learner name of ensemble child runs (as {@code ExperimentLoop} records them). */
    public static final String ENSEMBLE = "ensemble";
    /** The learner name of stacked ensemble child runs (as {@code ExperimentLoop} records them). */
    public static final String STACKING = "stacking";
    /** The learner name of the best-of-family ensemble child run (as {@code ExperimentLoop} records it). */
    public static final String BEST_OF_FAMILY = "best_of_family";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportAssembler() {
    }

    /**
     * @param experiment the run history's record
     * @param trials its child runs
     * @param inputs what the run knew, or null if unknown
     * @param guardrails the guardrails' findings, or null if none were recorded
     * @param now the time of assembly (the end of running spans)
     * @return the report
     */
    public static ExperimentReport assemble(ExperimentRecord experiment, List<TrialResult> trials, ReportInputs inputs,
            Guardrails guardrails, Instant now) {
        Direction direction = experiment.direction();
        Leaderboard board = Leaderboard.of(experiment.id(), experiment.metric(), direction, trials);
        Map<Integer, TrialResult> byNumber = new TreeMap<>();
        trials.forEach(t -> byNumber.put(t.number(), t));
        var runs = new ArrayList<RunRow>();
        for (LeaderboardEntry e : board.entries()) {
            runs.add(row(e, experiment));
        }
        JsonNode config = config(experiment.configJson());
        Instant end = experiment.finished() != null ? experiment.finished() : now;
        var budget = new Budget(maxSeconds(config), maxTrials(config), ChartSeries.seconds(experiment.created(), end),
                trials.size(), count(trials, TrialState.COMPLETED), count(trials, TrialState.PRUNED),
                count(trials, TrialState.FAILED));
        Diagnostics diagnostics = inputs == null ? null : inputs.diagnostics();
        Optional<LeaderboardEntry> leader = board.best();
        Best best = leader.map(e -> best(e.trial(), experiment.metric(), diagnostics, inputs)).orElse(null);
        String validation = inputs != null && inputs.validation() != null ? inputs.validation()
                : config.path("resolved").path("validation").asText(null);
        var summary = new Summary(experiment.id(), experiment.name(), experiment.status().name(),
                experiment.task().toLowerCase(Locale.ROOT), experiment.metric(), direction == Direction.MAXIMIZE, validation,
                budget, experiment.stopReason(), best, shipped(inputs, byNumber),
                experiment.created().toString(), experiment.finished() == null ? null : experiment.finished().toString());
        List<EnsembleMember> ensemble = leader.filter(e -> e.trial().params().learner().equals(ENSEMBLE)
                        || e.trial().params().learner().equals(BEST_OF_FAMILY))
                .map(e -> ensemble(e.trial(), byNumber))
                .or(() -> leader.filter(e -> e.trial().params().learner().equals(STACKING)).map(e -> stack(e.trial(), byNumber)))
                .orElse(List.of());
        return new ExperimentReport(now.toString(), summary, inputs == null ? null : inputs.dataset(), runs,
                ChartSeries.of(trials, direction, experiment.created(), end, Set.of(ENSEMBLE, STACKING, BEST_OF_FAMILY)), ensemble,
                diagnostics != null && leader.isPresent() && diagnostics.trial() == leader.get().trial().number()
                        ? diagnostics : null,
                guardrails);
    }

    private static RunRow row(LeaderboardEntry e, ExperimentRecord experiment) {
        TrialResult t = e.trial();
        var params = new LinkedHashMap<String, String>();
        t.params().values().forEach((k, v) -> params.put(k, text(v)));
        return new RunRow(e.rank(), t.number(), t.params().learner(), t.state().name(),
                t.failure() == null ? null : t.failure().name(), finite(t.score()),
                finite(t.metrics().getOrDefault(experiment.metric() + "_std", Double.NaN)), t.fitSeconds(),
                ChartSeries.seconds(experiment.created(), t.started()), t.duration().toNanos() / 1e9, t.worker(),
                finite(t.metrics().getOrDefault(CostMetrics.PREDICT_P50_MS, Double.NaN)),
                finite(t.metrics().getOrDefault(CostMetrics.PREDICT_P99_MS, Double.NaN)),
                finite(t.metrics().getOrDefault(CostMetrics.ARTIFACT_BYTES, Double.NaN)), params,
                t.error() == null ? null : t.error().lines().findFirst().orElse(""));
    }

    private static String text(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d) : String.format(Locale.ROOT, "%.6g", d);
        }
        return String.valueOf(v);
    }

    /**
     * The best run with a 95% t-interval for its mean score over folds: from the diagnostics' fold
     * scores when they are this run's, else from its recorded fold standard deviation; clipped to
     * the values the metric can take.
     */
    /**
     * The shipped child run as the inputs name it, with its learner from the run history; only the fit
     * when the inputs predate the shipped trial's record; null before the end.
     */
    private static Shipped shipped(ReportInputs inputs, Map<Integer, TrialResult> byNumber) {
        if (inputs == null || inputs.modelFit() == null && inputs.shippedTrial() == null) {
            return null;
        }
        TrialResult t = inputs.shippedTrial() == null ? null : byNumber.get(inputs.shippedTrial());
        return new Shipped(inputs.shippedTrial(), t == null ? null : t.params().learner(), inputs.modelFit(),
                inputs.shippedReason());
    }

    private static Best best(TrialResult t, String metric, Diagnostics diagnostics, ReportInputs inputs) {
        double sd = Double.NaN;
        int k = 0;
        if (diagnostics != null && diagnostics.trial() == t.number() && diagnostics.foldScores().size() > 1) {
            k = diagnostics.foldScores().size();
            double mean = diagnostics.foldScores().stream().mapToDouble(Double::doubleValue).average().orElse(0);
            sd = Math.sqrt(diagnostics.foldScores().stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (k - 1));
        } else if (inputs != null && inputs.folds() > 1 && t.metrics().containsKey(metric + "_std")) {
            k = inputs.folds();
            sd = t.metrics().get(metric + "_std");
        }
        var params = new TreeMap<String, String>();
        t.params().values().forEach((name, v) -> params.put(name, text(v)));
        if (k < 2 || !Double.isFinite(sd)) {
            return new Best(t.number(), t.params().learner(), t.score(), null, null, k, params);
        }
        double half = new TDistribution(k - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(k);
        double[] range = range(metric);
        return new Best(t.number(), t.params().learner(), t.score(), Math.max(range[0], t.score() - half),
                Math.min(range[1], t.score() + half), k, params);
    }

    /** The values a metric can take, so an interval never claims an accuracy above 1 or an error below 0. */
    private static double[] range(String metric) {
        return switch (metric) {
            case "accuracy", "balanced_accuracy", "auc", "auc_weighted", "f1_macro" -> new double[] {0, 1};
            case "rmse", "mae", "log_loss" -> new double[] {0, Double.POSITIVE_INFINITY};
            case "r2" -> new double[] {Double.NEGATIVE_INFINITY, 1};
            default -> new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        };
    }

    /**
     * @param run an ensemble child run, whose params are {@code trial_<n>: picks}
     * @return picks per member trial, in trial order
     */
    public static Map<Integer, Integer> ensemblePicks(TrialResult run) {
        var picks = new TreeMap<Integer, Integer>();
        run.params().values().forEach((k, v) -> {
            if (k.startsWith("trial_") && v instanceof Number n) {
                picks.put(Integer.parseInt(k.substring("trial_".length())), n.intValue());
            }
        });
        return picks;
    }

    private static List<EnsembleMember> ensemble(TrialResult run, Map<Integer, TrialResult> byNumber) {
        Map<Integer, Integer> picks = ensemblePicks(run);
        int total = picks.values().stream().mapToInt(Integer::intValue).sum();
        var out = new ArrayList<EnsembleMember>();
        picks.forEach((trial, n) -> {
            if (n > 0) {
                TrialResult member = byNumber.get(trial);
                out.add(new EnsembleMember(trial, member == null ? "?" : member.params().learner(), n, n / (double) total));
            }
        });
        out.sort(java.util.Comparator.comparingDouble(EnsembleMember::weight).reversed()
                .thenComparingInt(EnsembleMember::trial));
        return out;
    }

    /** A stack's members, each weighted by its meta-learner weight's share of their absolute sum (no picks). */
    private static List<EnsembleMember> stack(TrialResult run, Map<Integer, TrialResult> byNumber) {
        var weights = new TreeMap<Integer, Double>();
        run.params().values().forEach((k, v) -> {
            if (k.startsWith("trial_") && v instanceof Number n && n.doubleValue() != 0) {
                weights.put(Integer.parseInt(k.substring("trial_".length())), Math.abs(n.doubleValue()));
            }
        });
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        var out = new ArrayList<EnsembleMember>();
        weights.forEach((trial, w) -> {
            TrialResult member = byNumber.get(trial);
            out.add(new EnsembleMember(trial, member == null ? "?" : member.params().learner(), 0, Math.min(1, w / total)));
        });
        out.sort(java.util.Comparator.comparingDouble(EnsembleMember::weight).reversed()
                .thenComparingInt(EnsembleMember::trial));
        return out;
    }

    private static int count(List<TrialResult> trials, TrialState state) {
        return (int) trials.stream().filter(t -> t.state() == state).count();
    }

    private static JsonNode config(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Double maxSeconds(JsonNode config) {
        String text = config.path("config").path("budget").path("maxDuration").asText(null);
        if (text == null || text.isEmpty() || text.equals("null")) {
            return null;
        }
        try {
            return Duration.parse(text).toNanos() / 1e9;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Integer maxTrials(JsonNode config) {
        JsonNode n = config.path("config").path("budget").path("maxTrials");
        return n.isInt() ? n.asInt() : null;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
