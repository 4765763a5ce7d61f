package dev.quarry.search.sampler;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * out, and c its estimated cost for improvement (FLAML's ECI), the largest of:
 * <ul>
 *   <li>its mean trial cost;
 *   <li>the cost it has spent since its best trial, and the cost its last improvement took (FLAML's
 *       ECI1: a learner that stops improving pays for the trials it wastes);
 *   <li>for a learner behind the leader, {@code 2 · gap / speed} (FLAML's gap term): gap is how far
 *       its best loss trails the best of all learners, speed its last improvement over the cost
 *       spent since the best before it. A learner creeping up slowly from behind is expected to
 *       need a long time to catch up.
 * </ul>
 * Every trial counts at least {@link #MIN_TRIAL_SECONDS} (the mean of all trials' costs while the
 * learner has none). An improvement counts only when it lowers the learner's best loss by at least
 * {@link #MIN_RELATIVE_GAIN} of its size: cross-validated scores are far noisier than that, and a
 * learner that fits in milliseconds finds such gains all the time. Without these terms naive Bayes
 * on credit-g took over a thousand trials of a 5-minute budget (first with no cost since its best;
 * then, with it, by "improving" its AUC by 0.00001 every few dozen trials) while random forest,
 * XGBoost and gradient boosting got three to eight. A learner with no scored and no running trial
 * comes first (space order); then the highest priority, ties to space order. Deterministic; a pure
 * function of the space and history.
 */
public final class LearnerBandit {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    /**
     * What a trial costs at least, whatever its measured fit time: featurizing the folds, predicting
     * and proposing it take about this long even when the fit is instant.
     */
    static final double MIN_TRIAL_SECONDS = 0.1;
    /**
     * The smallest gain, as a share of the best loss's size, that counts as an improvement: 0.1%,
     * an AUC of 0.780 becoming 0.7808. A cross-validated score's standard error is tens of times larger.
     */
    static final double MIN_RELATIVE_GAIN = 1e-3;

    /**
     * Failed trials without a single scored one after which a learner stops counting as untried (untried
     * learners go first). Smile's RDA fails on every trial when a class has too few training rows: on
     * wine-quality-white (7 classes, the smallest with 5 rows) it stayed "untried" and took 25 trials in
     * a row, all failed, until the experiment gave up at 55 s of 2 minutes in each of the full suite's
     * three folds. Three attempts leave room for failures that depend on the params (a diverging
     * learning rate).
     */
    static final int FAILURES_TO_GIVE_UP = 3;

    private LearnerBandit() {
    }

    /**
     * @param space the learners
     * @param history the trials so far, with costs
     * @return the learner the next trial should use: the first of {@link #ranking}
     */
    public static LearnerSpace choose(SearchSpace space, SearchHistory history) {
        return ranking(space, history).getFirst();
    }

    /**
     * Every learner of the space, the one the next trial should use first: those with no scored and no
     * running trial and fewer than {@value #FAILURES_TO_GIVE_UP} failed ones (space order), then the
     * rest by priority, highest first (ties in space order; a learner with failures only has none, so
     * it comes after those with a score), and
     * last those with nothing left to try: a learner whose distinct configurations
     * ({@link LearnerSpace#configurations}, finite when no domain is continuous) have all had a trial,
     * whatever became of it; a learner without hyperparameters has one. Without that last rule LDA, which has no hyperparameters, kept the
     * first place once its one trial scored well and cheaply (it could not pay for trials it never
     * got), and the sampler, finding nothing new to propose for it, fell back to a random learner for
     * the rest of the run: credit-g's 5-minute runs spread their trials evenly over all fourteen
     * learners, decision trees 0.12 AUC behind included. A sampler that finds nothing new for the
     * first learner should go down this list.
     *
     * @param space the learners
     * @param history the trials so far, with costs
     * @return every learner, in that order
     */
    public static List<LearnerSpace> ranking(SearchSpace space, SearchHistory history) {
        // one pass over the history: each learner's distinct configurations tried, and which learners
        // have a scored or running trial
        Map<String, Set<Params>> configurations = new HashMap<>();
        Set<String> tried = new HashSet<>();
        Map<String, Integer> failures = new HashMap<>();
        for (TrialRecord t : history.trials()) {
            String learner = t.params().learner();
            configurations.computeIfAbsent(learner, k -> new HashSet<>()).add(t.params());
            if (t.hasScore() || t.state() == TrialState.RUNNING) {
                tried.add(learner);
            } else if (t.state() == TrialState.FAILED && failures.merge(learner, 1, Integer::sum) >= FAILURES_TO_GIVE_UP) {
                tried.add(learner); // no score to rank it by: it goes after every learner that has one
            }
        }
        var untried = new ArrayList<LearnerSpace>();
        var ranked = new ArrayList<LearnerSpace>();
        var exhausted = new ArrayList<LearnerSpace>();
        for (LearnerSpace l : space.learners()) {
            long size = l.configurations();
            if (size >= 0 && configurations.getOrDefault(l.learner(), Set.of()).size() >= size) {
                exhausted.add(l);
            } else if (!tried.contains(l.learner())) {
                untried.add(l);
            } else {
                ranked.add(l);
            }
        }
        if (!ranked.isEmpty()) {
            Map<String, Double> priority = priorities(ranked, history);
            ranked.sort(Comparator.comparingDouble((LearnerSpace l) -> priority.get(l.learner())).reversed());
        }
        var out = new ArrayList<LearnerSpace>(untried);
        out.addAll(ranked);
        out.addAll(exhausted);
        return List.copyOf(out);
    }

    /** Each learner's priority (log of expected improvement per cost; -infinity with running trials only). */
    private static Map<String, Double> priorities(List<LearnerSpace> learners, SearchHistory history) {
        List<TrialRecord> scored = history.scored();
        double[] all = scored.stream().mapToDouble(t -> history.direction().toLoss(t.score())).toArray();
        double mean = Arrays.stream(all).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(all).map(v -> (v - mean) * (v - mean)).average().orElse(1));
        double scale = sd > 1e-12 ? sd : 1;
        double best = (Arrays.stream(all).min().orElse(0) - mean) / scale;
        double meanCost = history.trials().stream().filter(t -> t.state().isTerminal() && t.costSeconds() > 0)
                .mapToDouble(LearnerBandit::cost).average().orElse(1);
        double leaderLoss = Arrays.stream(all).min().orElse(0);
        // one pass: each learner's trials, in history order
        Map<String, List<TrialRecord>> byLearner = new HashMap<>();
        for (TrialRecord t : history.trials()) {
            byLearner.computeIfAbsent(t.params().learner(), k -> new ArrayList<>()).add(t);
        }
        var out = new HashMap<String, Double>();
        for (LearnerSpace l : learners) {
            List<TrialRecord> trials = byLearner.getOrDefault(l.learner(), List.of());
            double[] own = trials.stream().filter(TrialRecord::hasScore)
                    .mapToDouble(t -> (history.direction().toLoss(t.score()) - mean) / scale).sorted().toArray();
            long running = trials.stream().filter(t -> t.state() == TrialState.RUNNING).count();
            double priority;
            if (own.length == 0) {
                priority = Double.NEGATIVE_INFINITY; // only running trials: wait for the first score
            } else {
                double b = own[0];
                double s = own.length == 1 ? 1 : Math.max(0.05, spread(Arrays.copyOf(own, Math.min(5, own.length))));
                double z = (best - b) / s;
                double ei = (best - b) * NORMAL.cumulativeProbability(z) + s * NORMAL.density(z);
                double meanOwn = trials.stream().filter(t -> t.state().isTerminal() && t.costSeconds() > 0)
                        .mapToDouble(LearnerBandit::cost).average().orElse(meanCost);
                double cost = Math.max(meanOwn, progress(trials, history.direction()).costForImprovement(leaderLoss));
                priority = Math.log(Math.max(ei, 1e-300)) - Math.log(Math.max(cost, 1e-6) * (1 + running));
            }
            out.put(l.learner(), Double.isNaN(priority) ? Double.NEGATIVE_INFINITY : priority);
        }
        return out;
    }

    private static double cost(TrialRecord t) {
        return Math.max(MIN_TRIAL_SECONDS, t.costSeconds());
    }

    /**
     * A learner's progress, read from its terminal trials in trial order; every cost counts each trial
     * at least {@link #MIN_TRIAL_SECONDS}.
     *
     * @param bestLoss its best loss (+infinity if none scored); gains too small to count as improvements
     *     lower it too, so the leader has no gap to itself
     * @param lastGain how much its last counted improvement lowered the best loss (NaN with fewer than two)
     * @param sinceBest the cost of its trials after the trial that set {@code bestLoss}
     * @param lastStretch the cost from just after the previous best up to and including the best (0 with fewer than two)
     */
    record Progress(double bestLoss, double lastGain, double sinceBest, double lastStretch) {

        /**
         * FLAML's estimated cost for improvement, without the mean trial cost: the larger of the cost since
         * the best and the cost of the last improvement, and, when this learner trails the leader and has
         * improved at least once, twice the gap over its speed of improvement.
         *
         * @param leaderLoss the best loss of every learner
         * @return seconds
         */
        double costForImprovement(double leaderLoss) {
            double eci = Math.max(sinceBest, lastStretch);
            double gap = bestLoss - leaderLoss;
            if (gap > 0 && lastGain > 0) {
                double speed = lastGain / (lastStretch + sinceBest);
                eci = Math.max(eci, 2 * gap / speed);
            }
            return eci;
        }
    }

    /**
     * @param history the trials
     * @param learner a learner
     * @return its progress; an improvement counts when it lowers the best loss by at least
     *     {@link #MIN_RELATIVE_GAIN} of the best loss's size
     */
    static Progress progress(SearchHistory history, String learner) {
        return progress(history.trials().stream().filter(t -> t.params().learner().equals(learner)).toList(),
                history.direction());
    }

    /** {@link #progress(SearchHistory, String)} from one learner's trials (terminal ones are read). */
    private static Progress progress(List<TrialRecord> trials, Direction direction) {
        List<TrialRecord> own = trials.stream().filter(t -> t.state().isTerminal())
                .sorted(Comparator.comparingInt(TrialRecord::number)).toList();
        double counted = Double.POSITIVE_INFINITY; // the best loss as of the last counted improvement
        double bestLoss = Double.POSITIVE_INFINITY;
        double lastGain = Double.NaN;
        double since = 0;
        double stretch = 0;
        for (TrialRecord t : own) {
            double loss = t.hasScore() ? direction.toLoss(t.score()) : Double.POSITIVE_INFINITY;
            bestLoss = Math.min(bestLoss, loss);
            boolean first = Double.isInfinite(counted) && Double.isFinite(loss);
            if (first || loss < counted - MIN_RELATIVE_GAIN * Math.abs(counted)) {
                lastGain = first ? Double.NaN : counted - loss;
                stretch = first ? 0 : since + cost(t);
                counted = loss;
                since = 0;
            } else {
                since += cost(t);
            }
        }
        return new Progress(bestLoss, lastGain, since, stretch);
    }

    private static double spread(double[] v) {
        double m = Arrays.stream(v).average().orElse(0);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length - 1));
    }
}
