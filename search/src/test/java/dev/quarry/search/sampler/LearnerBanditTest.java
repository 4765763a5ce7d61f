package dev.quarry.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.CategoricalDomain;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.IntDomain;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The learner bandit's cost: cheap leaders are tried first, and pay for the trials they waste. */
class LearnerBanditTest {

    private static final SearchSpace SPACE = new SearchSpace(List.of(
            new LearnerSpace("cheap", List.of(new Hyperparameter("x", new FloatDomain(0, 1, false), 0.5))),
            new LearnerSpace("slow", List.of(new Hyperparameter("y", new FloatDomain(0, 1, false), 0.5)))));

    private static TrialRecord trial(int n, String learner, double auc, double seconds) {
        return new TrialRecord(n, new Params(learner, Map.of()), TrialState.COMPLETED, auc, seconds);
    }

    /** "cheap" leads by a hair and fits in 20 ms; "slow", close behind, takes 30 s a trial. */
    private static List<TrialRecord> start() {
        var trials = new ArrayList<TrialRecord>();
        trials.add(trial(0, "cheap", 0.780, 0.02));
        trials.add(trial(1, "slow", 0.779, 30));
        trials.add(trial(2, "slow", 0.760, 30));
        trials.add(trial(3, "slow", 0.700, 30));
        return trials;
    }

    @Test
    void aCheapLeaderIsTriedFirst() {
        assertEquals("cheap", LearnerBandit.choose(SPACE, new SearchHistory(Direction.MAXIMIZE, start())).learner());
    }

    @Test
    void aCheapLeaderThatStopsImprovingHandsTheTurnToTheSlowLearner() {
        var trials = start();
        int n = trials.size();
        int cheapTurns = 0;
        // Every further cheap trial scores a little below the cheap learner's best: no improvement.
        while (LearnerBandit.choose(SPACE, new SearchHistory(Direction.MAXIMIZE, trials)).learner().equals("cheap")) {
            trials.add(trial(n++, "cheap", 0.775, 0.02));
            cheapTurns++;
            if (cheapTurns > 2000) {
                break;
            }
        }
        // Without the cost since its best, "cheap" kept the turn for ever (the bug behind 1,125 trials of
        // naive Bayes in one 5-minute credit-g run); with it, the wasted trials add up to the slow cost.
        assertEquals(true, cheapTurns > 5 && cheapTurns < 1000, "cheap trials before the slow learner's turn: " + cheapTurns);
        assertEquals(0, LearnerBandit.progress(new SearchHistory(Direction.MAXIMIZE, start()), "cheap").sinceBest());
        assertEquals(cheapTurns * LearnerBandit.MIN_TRIAL_SECONDS,
                LearnerBandit.progress(new SearchHistory(Direction.MAXIMIZE, trials), "cheap").sinceBest(), 1e-9);
    }

    @Test
    void aCheapLearnerCreepingUpByNoiseLevelGainsHandsTheTurnOn() {
        var trials = start();
        int n = trials.size();
        int cheapTurns = 0;
        double auc = 0.780;
        // What naive Bayes did on credit-g: every trial a new best, by 0.00001 of AUC. Each such "improvement"
        // reset the cost since its best, so it kept the turn for ever; gains under 0.1% no longer count.
        while (LearnerBandit.choose(SPACE, new SearchHistory(Direction.MAXIMIZE, trials)).learner().equals("cheap")) {
            auc += 0.00001;
            trials.add(trial(n++, "cheap", auc, 0.02));
            cheapTurns++;
            if (cheapTurns > 2000) {
                break;
            }
        }
        assertEquals(true, cheapTurns > 5 && cheapTurns < 1000, "cheap trials before the slow learner's turn: " + cheapTurns);
    }

    @Test
    void aLearnerWhoseTrialsAllFailStopsBeingUntriedAfterThreeAndGoesAfterTheScoredOnes() {
        // "rda" fails on every trial (Smile: a class with too few rows); untried learners go first, so it
        // took every proposal until the experiment gave up after 25 failures in a row
        var space = new SearchSpace(List.of(
                new LearnerSpace("rda", List.of(new Hyperparameter("a", new FloatDomain(0, 1, false), 0.5))),
                new LearnerSpace("cheap", List.of(new Hyperparameter("x", new FloatDomain(0, 1, false), 0.5))),
                new LearnerSpace("slow", List.of(new Hyperparameter("y", new FloatDomain(0, 1, false), 0.5)))));
        var trials = new ArrayList<TrialRecord>(List.of(trial(0, "cheap", 0.78, 0.02), trial(1, "slow", 0.70, 30)));
        for (int n = 2; n < 2 + LearnerBandit.FAILURES_TO_GIVE_UP; n++) {
            assertEquals("rda", LearnerBandit.choose(space, new SearchHistory(Direction.MAXIMIZE, trials)).learner(),
                    "untried after " + (n - 2) + " failures: tried first");
            trials.add(new TrialRecord(n, new Params("rda", Map.of("a", n / 10.0)), TrialState.FAILED, Double.NaN, 0.1));
        }
        List<String> ranking = LearnerBandit.ranking(space, new SearchHistory(Direction.MAXIMIZE, trials)).stream()
                .map(LearnerSpace::learner).toList();
        assertEquals(List.of("cheap", "slow", "rda"), ranking);
        var sampler = new TpeSampler(3, 2, 24, 0.25, true, true);
        for (int n = 5; n < 25; n++) {
            assertTrue(!sampler.propose(space, new SearchHistory(Direction.MAXIMIZE, trials), n).learner().equals("rda"),
                    "proposal " + n);
        }
    }

    @Test
    void aLearnerWithNothingLeftToTryGoesLastAndTheSamplerTakesTheNext() {
        // "lda" has no hyperparameters: one trial is all it has. It scores best and costs least, so by
        // priority it would lead for ever; the GP sampler then found nothing new for it and proposed a
        // random learner every time (what 5-minute credit-g runs did once OpenBLAS made LDA available).
        var space = new SearchSpace(List.of(
                new LearnerSpace("lda", List.of()),
                new LearnerSpace("cheap", List.of(new Hyperparameter("x", new FloatDomain(0, 1, false), 0.5))),
                new LearnerSpace("slow", List.of(new Hyperparameter("y", new FloatDomain(0, 1, false), 0.5)))));
        var trials = new ArrayList<TrialRecord>(List.of(
                trial(0, "lda", 0.790, 0.02), trial(1, "cheap", 0.780, 0.02), trial(2, "slow", 0.700, 30),
                trial(3, "cheap", 0.760, 0.02), trial(4, "slow", 0.650, 30), trial(5, "cheap", 0.770, 0.02)));
        var history = new SearchHistory(Direction.MAXIMIZE, trials);
        List<String> ranking = LearnerBandit.ranking(space, history).stream().map(LearnerSpace::learner).toList();
        assertEquals(List.of("cheap", "slow", "lda"), ranking);
        assertEquals("cheap", LearnerBandit.choose(space, history).learner());
        // Its one trial failed: still nothing left to try (a failed learner without hyperparameters is not retried).
        trials.set(0, new TrialRecord(0, new Params("lda", Map.of()), TrialState.FAILED, Double.NaN, 0.02));
        assertEquals("lda", LearnerBandit.ranking(space, new SearchHistory(Direction.MAXIMIZE, trials)).getLast().learner());
        // The sampler proposes for the bandit's first learner that has something new, never a random one.
        var sampler = new GpSampler(3, 2, 32, true);
        trials.set(0, trial(0, "lda", 0.790, 0.02));
        for (int n = 6; n < 26; n++) {
            assertEquals("cheap", sampler.propose(space, new SearchHistory(Direction.MAXIMIZE, trials), n).learner(),
                    "proposal " + n);
        }
    }

    @Test
    void aFiniteSpaceWhoseEveryConfigurationWasTriedGoesLastAndTpeTakesTheNext() {
        // "knn" has 2 x 2 = 4 configurations (k in [1, 2], distance l1 or l2), scores best and costs least.
        var space = new SearchSpace(List.of(
                new LearnerSpace("knn", List.of(new Hyperparameter("k", new IntDomain(1, 2, false), 1),
                        new Hyperparameter("distance", CategoricalDomain.of("l1", "l2"), "l2"))),
                new LearnerSpace("cheap", List.of(new Hyperparameter("x", new FloatDomain(0, 1, false), 0.5)))));
        assertEquals(4, space.learners().getFirst().configurations());
        assertEquals(-1, space.learners().getLast().configurations());
        var trials = new ArrayList<TrialRecord>(List.of(
                knn(0, 1, "l1", 0.80), trial(1, "cheap", 0.70, 0.02), knn(2, 2, "l1", 0.79), trial(3, "cheap", 0.71, 0.02),
                knn(4, 1, "l2", 0.81), trial(5, "cheap", 0.69, 0.02)));
        // three of four tried: knn still leads
        assertEquals("knn", LearnerBandit.choose(space, new SearchHistory(Direction.MAXIMIZE, trials)).learner());
        // all four tried (the last failed): knn goes last, and TPE proposes for the next learner
        trials.add(new TrialRecord(6, new Params("knn", Map.of("k", 2, "distance", "l2")), TrialState.FAILED, Double.NaN,
                0.02));
        var tpe = new TpeSampler(3, 2, 24, 0.25, true, true);
        var history = new SearchHistory(Direction.MAXIMIZE, trials);
        assertEquals(List.of("cheap", "knn"), LearnerBandit.ranking(space, history).stream().map(LearnerSpace::learner).toList());
        for (int n = 7; n < 17; n++) {
            assertEquals("cheap", tpe.propose(space, history, n).learner(), "proposal " + n);
        }
    }

    private static TrialRecord knn(int n, int k, String distance, double auc) {
        return new TrialRecord(n, new Params("knn", Map.of("k", k, "distance", distance)), TrialState.COMPLETED, auc, 0.01);
    }

    @Test
    void theCostForImprovementFollowsTheScriptedHistory() {
        // "slow" leads at 0.800. "cheap" (1 s a trial): 0.700, then 0.750 at its 3rd trial (a counted gain of
        // 0.05 after a stretch of 2 trials), then 0.7502 (under 0.1%: no gain) and two misses.
        var trials = new ArrayList<TrialRecord>(List.of(
                trial(0, "slow", 0.800, 30),
                trial(1, "cheap", 0.700, 1), trial(2, "cheap", 0.650, 1), trial(3, "cheap", 0.750, 1),
                trial(4, "cheap", 0.7502, 1), trial(5, "cheap", 0.600, 1), trial(6, "cheap", 0.600, 1)));
        var history = new SearchHistory(Direction.MAXIMIZE, trials);
        LearnerBandit.Progress p = LearnerBandit.progress(history, "cheap");
        assertEquals(-0.7502, p.bestLoss(), 1e-12, "the best loss counts the gain too small to be an improvement");
        assertEquals(0.05, p.lastGain(), 1e-12);
        assertEquals(3.0, p.sinceBest(), 1e-12);
        assertEquals(2.0, p.lastStretch(), 1e-12);
        // FLAML's gap term: 2 * gap / speed = 2 * 0.0498 / (0.05 / (2 + 3)) = 9.96 s, above ECI1 = max(3, 2).
        assertEquals(9.96, p.costForImprovement(-0.800), 1e-9);
        // As the leader (0.7502 is the best of all) it has no gap to itself and pays ECI1 only.
        assertEquals(3.0, p.costForImprovement(-0.7502), 1e-12);
        // One scored trial: no gain yet, so no speed and no gap term.
        LearnerBandit.Progress slow = LearnerBandit.progress(history, "slow");
        assertEquals(true, Double.isNaN(slow.lastGain()));
        assertEquals(0.0, slow.costForImprovement(-0.9), 1e-12);
    }
}
