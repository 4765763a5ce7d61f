package dev.quarry.automl.experiment;

import dev.quarry.automl.config.BudgetConfig;
import dev.quarry.reports.LeaderboardText;
import dev.quarry.runner.history.CostMetrics;
import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.history.LeaderboardEntry;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.TrialState;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Picks the child run whose model is shipped, from the leaderboard and the deployment options of
 * the budget, by estimated score. An ensemble's score is already nested (see
 * {@link EnsembleSelection#nested} and {@link Stacking}); a single trial's is the best of many and
 * flatters it, so when the nested estimate of shipping the best single configuration is given, every
 * single trial's loss is raised by the best single trial's optimism (its loss's distance to that
 * estimate, never negative) before they are compared. Runs whose model could not be written
 * before the deadline (the caller says which) are passed over first. Without options the run with
 * the best estimate is taken. With {@code maxPredictLatency}, runs whose measured p99 per-row latency exceeds
 * the limit are passed over (if none meets it, the fastest is taken). With
 * {@code preferSmallerModels}, the smallest model ({@link CostMetrics#ARTIFACT_BYTES}) among the runs
 * estimated within one standard error of the best is taken (Breiman et al. 1984's
 * one-standard-error rule: differences inside it are fold noise). Without either option, the reason
 * names that smallest model when the shipped one is at least {@value #LIGHTER_RATIO} times its size.
 * Pure.
 */
final class FinalChoice {

    /**
     * @param entry the chosen leaderboard entry
     * @param reason why, for the leaderboard and the console
     */
    record Choice(LeaderboardEntry entry, String reason) {
    }

    /** How many times larger than the {@code preferSmallerModels} choice a shipped model must be to mention it. */
    static final double LIGHTER_RATIO = 10;

    private FinalChoice() {
    }

    /**
     * @param board the leaderboard
     * @param budget the budget with the deployment options
     * @param folds how many validation folds each score averages (for the standard error)
     * @return the choice, or empty if no run completed
     */
    static Optional<Choice> choose(Leaderboard board, BudgetConfig budget, int folds) {
        return choose(board, budget, folds, OptionalDouble.empty(), e -> true);
    }

    /**
     * @param board the leaderboard
     * @param budget the budget with the deployment options
     * @param folds how many validation folds each score averages (for the standard error)
     * @param singleEstimate the nested estimate of shipping the best single configuration, if known
     * @param writable whether a run's model can still be written before the deadline: the others are
     *     passed over (if none can, none is)
     * @return the choice, or empty if no run completed
     */
    static Optional<Choice> choose(Leaderboard board, BudgetConfig budget, int folds, OptionalDouble singleEstimate,
            Predicate<LeaderboardEntry> writable) {
        List<LeaderboardEntry> finished = board.entries().stream()
                .filter(e -> e.rank() > 0 && e.trial().state() == TrialState.COMPLETED).toList();
        if (finished.isEmpty()) {
            return Optional.empty();
        }
        List<LeaderboardEntry> inTime = finished.stream().filter(writable).toList();
        // when none fits, the deadline is at hand whatever is shipped: choose as if there were none
        List<LeaderboardEntry> completed = inTime.isEmpty() ? finished : inTime;
        String writeNote = completed.size() == finished.size() ? "" : ", passing over " + (finished.size() - completed.size())
                + " child runs whose models could not be written before the deadline";
        Direction direction = board.direction();
        double optimism = optimism(finished, direction, singleEstimate);
        ToDoubleFunction<LeaderboardEntry> loss = e -> direction.toLoss(e.trial().score())
                + (ExperimentLoop.isEnsemble(e.trial().params().learner()) ? 0 : optimism);
        Comparator<LeaderboardEntry> byEstimate = Comparator.comparingDouble(loss).thenComparingInt(LeaderboardEntry::rank);
        List<LeaderboardEntry> eligible = completed;
        String latencyNote = "";
        Duration limit = budget.maxPredictLatency();
        if (limit != null) {
            double limitMs = limit.toNanos() / 1e6;
            eligible = completed.stream().filter(e -> p99(e) <= limitMs).toList();
            if (eligible.isEmpty()) {
                LeaderboardEntry fastest = completed.stream().min(Comparator.comparingDouble(FinalChoice::p99)
                        .thenComparingInt(LeaderboardEntry::rank)).orElseThrow();
                return Optional.of(new Choice(fastest, String.format(Locale.ROOT,
                        "no child run met maxPredictLatency %s ms; the fastest (p99 %.3f ms) was chosen",
                        ms(limitMs), p99(fastest))));
            }
            latencyNote = ", among the " + eligible.size() + " of " + completed.size()
                    + " child runs within maxPredictLatency " + ms(limitMs) + " ms";
        }
        LeaderboardEntry best = eligible.stream().min(byEstimate).orElseThrow();
        String estimateNote = optimism > 0 ? estimateNote(board, finished, direction, singleEstimate.getAsDouble()) : "";
        double std = best.trial().metrics().getOrDefault(board.metric() + FoldMetrics.STD, 0.0);
        double se = folds > 1 && Double.isFinite(std) ? std / Math.sqrt(folds) : 0;
        double worstAccepted = loss.applyAsDouble(best) + se;
        LeaderboardEntry smallest = eligible.stream()
                .filter(e -> loss.applyAsDouble(e) <= worstAccepted)
                .min(Comparator.comparingDouble(FinalChoice::bytes).thenComparingInt(LeaderboardEntry::rank))
                .orElse(best);
        if (!budget.preferSmallerModels()) {
            String lighter = limit == null ? lighterNote(best, smallest, se) : "";
            return Optional.of(new Choice(best, (optimism > 0 ? "the best estimated score" : "the best score")
                    + latencyNote + writeNote + estimateNote + lighter));
        }
        return Optional.of(new Choice(smallest, String.format(Locale.ROOT,
                "the smallest model (%.0f bytes) scoring within one standard error (%.4f) of the best%s%s%s",
                bytes(smallest), se, latencyNote, writeNote, estimateNote)));
    }

    /**
     * Points to what {@code preferSmallerModels} would ship instead, when that is at most a tenth of the
     * shipped model's size: an ensemble of fold models can be hundreds of times larger than a single
     * model scoring within fold noise of it, and the user should not have to find that in the table.
     * Sizes and scores only, so the leaderboard stays byte-identical between identical runs.
     */
    private static String lighterNote(LeaderboardEntry best, LeaderboardEntry smallest, double se) {
        double shipped = bytes(best);
        double lighter = bytes(smallest);
        if (smallest == best || !Double.isFinite(shipped) || !(lighter > 0) || shipped < LIGHTER_RATIO * lighter) {
            return "";
        }
        return String.format(Locale.ROOT, "; trial %d (%s) scores within one standard error (%.4f) at 1/%.0f of the "
                + "size (%s against %s): budget.preferSmallerModels ships it", smallest.trial().number(),
                smallest.trial().params().learner(), se, shipped / lighter, LeaderboardText.size(lighter),
                LeaderboardText.size(shipped));
    }

    /** How much the best single trial's loss undercuts the nested estimate of shipping it (0 if it does not). */
    private static double optimism(List<LeaderboardEntry> completed, Direction direction, OptionalDouble singleEstimate) {
        if (singleEstimate.isEmpty() || !Double.isFinite(singleEstimate.getAsDouble())) {
            return 0;
        }
        return bestSingle(completed)
                .map(e -> Math.max(0, direction.toLoss(singleEstimate.getAsDouble()) - direction.toLoss(e.trial().score())))
                .orElse(0.0);
    }

    private static Optional<LeaderboardEntry> bestSingle(List<LeaderboardEntry> completed) {
        return completed.stream().filter(e -> !ExperimentLoop.isEnsemble(e.trial().params().learner()))
                .min(Comparator.comparingInt(LeaderboardEntry::rank));
    }

    private static String estimateNote(Leaderboard board, List<LeaderboardEntry> completed, Direction direction,
            double singleEstimate) {
        double raw = bestSingle(completed).orElseThrow().trial().score();
        return String.format(Locale.ROOT, " (single configurations are compared at their nested estimate: shipping the "
                + "best one scores %s %.4f by nested selection, not its %.4f)", board.metric(), singleEstimate, raw);
    }

    private static double p99(LeaderboardEntry e) {
        return e.trial().metrics().getOrDefault(CostMetrics.PREDICT_P99_MS, Double.POSITIVE_INFINITY);
    }

    private static double bytes(LeaderboardEntry e) {
        return e.trial().metrics().getOrDefault(CostMetrics.ARTIFACT_BYTES, Double.POSITIVE_INFINITY);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
