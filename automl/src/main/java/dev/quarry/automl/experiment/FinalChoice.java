package dev.quarry.automl.experiment;

import dev.quarry.automl.config.BudgetConfig;
import dev.quarry.runner.history.CostMetrics;
import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.history.LeaderboardEntry;
import dev.quarry.search.history.TrialState;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the child run whose model is shipped, from the leaderboard and the deployment options of
 * the budget. Without options it is the best-scoring completed run. With
 * {@code maxPredictLatency}, runs whose measured p99 per-row latency exceeds the limit are passed
 * over (if none meets it, the fastest is taken). With {@code preferSmallerModels}, the smallest model
 * ({@link CostMetrics#ARTIFACT_BYTES}) among the runs scoring within one standard error of the best
 * is taken (Breiman et al. 1984's one-standard-error rule: differences inside it are fold noise).
 * Pure.
 */
final class FinalChoice {

    /**
     * @param entry the chosen leaderboard entry
     * @param reason why, for the leaderboard and the console
     */
    record Choice(LeaderboardEntry entry, String reason) {
    }

    private FinalChoice() {
    }

    /**
     * @param board the leaderboard
     * @param budget the budget with the deployment options
     * @param folds how many validation folds each score averages (for the standard error)
     * @return the choice, or empty if no run completed
     */
    static Optional<Choice> choose(Leaderboard board, BudgetConfig budget, int folds) {
        List<LeaderboardEntry> completed = board.entries().stream()
                .filter(e -> e.rank() > 0 && e.trial().state() == TrialState.COMPLETED).toList();
        if (completed.isEmpty()) {
            return Optional.empty();
        }
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
        LeaderboardEntry best = eligible.getFirst();
        if (!budget.preferSmallerModels()) {
            return Optional.of(new Choice(best, "the best score" + latencyNote));
        }
        double std = best.trial().metrics().getOrDefault(board.metric() + "_std", 0.0);
        double se = folds > 1 && Double.isFinite(std) ? std / Math.sqrt(folds) : 0;
        double worstAccepted = board.direction().toLoss(best.trial().score()) + se;
        LeaderboardEntry smallest = eligible.stream()
                .filter(e -> board.direction().toLoss(e.trial().score()) <= worstAccepted)
                .min(Comparator.comparingDouble(FinalChoice::bytes).thenComparingInt(LeaderboardEntry::rank))
                .orElse(best);
        return Optional.of(new Choice(smallest, String.format(Locale.ROOT,
                "the smallest model (%.0f bytes) scoring within one standard error (%.4f) of the best%s",
                bytes(smallest), se, latencyNote)));
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
