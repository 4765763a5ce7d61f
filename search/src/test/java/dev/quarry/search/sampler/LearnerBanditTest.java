package dev.quarry.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
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
        assertEquals(0, LearnerBandit.costSinceBest(new SearchHistory(Direction.MAXIMIZE, start()), "cheap"));
        assertEquals(cheapTurns * LearnerBandit.MIN_TRIAL_SECONDS,
                LearnerBandit.costSinceBest(new SearchHistory(Direction.MAXIMIZE, trials), "cheap"), 1e-9);
    }
}
