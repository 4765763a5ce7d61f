package dev.quarry.search.sampler;

import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.SearchSpace;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Allocates trials across learner families by expected improvement per second of measured cost,
 * the idea behind FLAML's cost-frugal search (Wang et al. 2021): cheap strong learners are explored
 * early, and a slow learner gets trials only while its promise justifies its cost.
 *
 * <p>Losses are the scored trials' losses standardised together (mean 0, sd 1); y* is the best.
 * A learner's next trial is modelled as {@code N(b, s²)}, b its best loss, s the standard deviation
 * of its best {@code min(n, 5)} losses, at least 0.05 (so s shrinks as the learner converges, and
 * its expected improvement with it); with one scored trial s = 1. Its priority is
 * {@code EI(y*; b, s) / (c · (1 + r))}, with r its running trials, so parallel workers spread
 * out, and c its estimated cost for improvement (FLAML's ECI, simplified): the larger of its mean
 * trial cost and the cost it has spent since its best trial, each trial counted at least
 * {@link #MIN_TRIAL_SECONDS} (the mean of all trials' costs while it has none). Without the
 * second term a learner that fits in milliseconds and leads the board (naive Bayes on credit-g)
 * took over a thousand near-identical trials of a 5-minute budget while the slower learners
 * within a hair of it got three; with it, a learner that stops improving pays for the trials it
 * has wasted. A learner with no scored and no running trial comes first (space order); then the
 * highest priority, ties to space order. Deterministic; a pure function of the space and history.
 */
public final class LearnerBandit {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    /**
     * What a trial costs at least, whatever its measured fit time: featurizing the folds, predicting
     * and proposing it take about this long even when the fit is instant.
     */
    static final double MIN_TRIAL_SECONDS = 0.1;

    private LearnerBandit() {
    }

    /**
     * @param space the learners
     * @param history the trials so far, with costs
     * @return the learner the next trial should use
     */
    public static LearnerSpace choose(SearchSpace space, SearchHistory history) {
        List<TrialRecord> scored = history.scored();
        for (LearnerSpace l : space.learners()) {
            boolean tried = history.trials().stream().anyMatch(t -> t.params().learner().equals(l.learner())
                    && (t.hasScore() || t.state() == TrialState.RUNNING));
            if (!tried) {
                return l;
            }
        }
        double[] all = scored.stream().mapToDouble(t -> history.direction().toLoss(t.score())).toArray();
        double mean = Arrays.stream(all).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(all).map(v -> (v - mean) * (v - mean)).average().orElse(1));
        double scale = sd > 1e-12 ? sd : 1;
        double best = (Arrays.stream(all).min().orElse(0) - mean) / scale;
        double meanCost = history.trials().stream().filter(t -> t.state().isTerminal() && t.costSeconds() > 0)
                .mapToDouble(LearnerBandit::cost).average().orElse(1);
        LearnerSpace chosen = space.learners().getFirst();
        double top = Double.NEGATIVE_INFINITY;
        for (LearnerSpace l : space.learners()) {
            double[] own = scored.stream().filter(t -> t.params().learner().equals(l.learner()))
                    .mapToDouble(t -> (history.direction().toLoss(t.score()) - mean) / scale).sorted().toArray();
            long running = history.running().stream().filter(t -> t.params().learner().equals(l.learner())).count();
            double priority;
            if (own.length == 0) {
                priority = Double.NEGATIVE_INFINITY; // only running trials: wait for the first score
            } else {
                double b = own[0];
                double s = own.length == 1 ? 1 : Math.max(0.05, spread(Arrays.copyOf(own, Math.min(5, own.length))));
                double z = (best - b) / s;
                double ei = (best - b) * NORMAL.cumulativeProbability(z) + s * NORMAL.density(z);
                double cost = Math.max(history.trials().stream().filter(t -> t.params().learner().equals(l.learner())
                        && t.state().isTerminal() && t.costSeconds() > 0).mapToDouble(LearnerBandit::cost)
                        .average().orElse(meanCost), costSinceBest(history, l.learner()));
                priority = Math.log(Math.max(ei, 1e-300)) - Math.log(Math.max(cost, 1e-6) * (1 + running));
            }
            if (priority > top) {
                top = priority;
                chosen = l;
            }
        }
        return chosen;
    }

    private static double cost(TrialRecord t) {
        return Math.max(MIN_TRIAL_SECONDS, t.costSeconds());
    }

    /** The cost of the learner's terminal trials after its best one, in trial order (0 if its last is its best). */
    static double costSinceBest(SearchHistory history, String learner) {
        List<TrialRecord> own = history.trials().stream().filter(t -> t.params().learner().equals(learner)
                && t.state().isTerminal()).sorted(java.util.Comparator.comparingInt(TrialRecord::number)).toList();
        double bestLoss = Double.POSITIVE_INFINITY;
        double since = 0;
        for (TrialRecord t : own) {
            double loss = t.hasScore() ? history.direction().toLoss(t.score()) : Double.POSITIVE_INFINITY;
            if (loss < bestLoss) {
                bestLoss = loss;
                since = 0;
            } else {
                since += cost(t);
            }
        }
        return since;
    }

    private static double spread(double[] v) {
        double m = Arrays.stream(v).average().orElse(0);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length - 1));
    }
}
