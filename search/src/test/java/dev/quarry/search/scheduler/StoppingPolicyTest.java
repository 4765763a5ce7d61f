package dev.quarry.search.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Replays scripted score sequences through each policy and checks that exactly the trials its
 * Javadoc says are stopped, at exactly the interval it says. Scores arrive round-robin: every
 * trial's interval 1, then every remaining trial's interval 2, and so on; a stopped trial reports
 * nothing more.
 */
class StoppingPolicyTest {

    /** @return stopped trial -> the interval it stopped at */
    static Map<Integer, Integer> replay(StoppingPolicy policy, Direction direction, double[]... scripts) {
        var obs = new ArrayList<Observation>();
        var stopped = new TreeMap<Integer, Integer>();
        int longest = java.util.Arrays.stream(scripts).mapToInt(s -> s.length).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (int t = 0; t < scripts.length; t++) {
                if (stopped.containsKey(t) || i >= scripts[t].length) {
                    continue;
                }
                obs.add(new Observation(t, i + 1, scripts[t][i]));
                if (policy.shouldStop(new SearchHistory(direction, List.of(), obs), t)) {
                    stopped.put(t, i + 1);
                }
            }
        }
        return stopped;
    }

    @Test
    void banditWithASlackFactorStopsWhatFallsOutsideTheFactorOfTheBest() {
        var policy = new BanditPolicy(0.2, Double.NaN, 1, 2);
        // Interval 1 is before the delay. At 2: trial 1 has 0.66 · 1.2 = 0.792 < 0.8, stopped; trial 2 has
        // 0.7 · 1.2 = 0.84, goes on. At 3 trial 2 leads.
        assertEquals(Map.of(1, 2), replay(policy, Direction.MAXIMIZE,
                new double[] {0.8, 0.8, 0.8}, new double[] {0.7, 0.66, 0.5}, new double[] {0.5, 0.7, 0.9}));
    }

    @Test
    void banditMatchesHyperDrivesExample() {
        // slack_factor 0.2, the best AUC 0.8: 0.66 is stopped (0.792 < 0.8), 0.67 is not (0.804).
        var policy = new BanditPolicy(0.2, Double.NaN, 1, 0);
        assertEquals(Map.of(1, 1), replay(policy, Direction.MAXIMIZE, new double[] {0.8}, new double[] {0.66}));
        assertEquals(Map.of(), replay(policy, Direction.MAXIMIZE, new double[] {0.8}, new double[] {0.67}));
    }

    @Test
    void banditWithASlackAmountWhenMinimisingAppliesAtEveryEvaluationInterval() {
        var policy = new BanditPolicy(Double.NaN, 0.1, 2, 0);
        // Applied at intervals 2 and 4 only. At 2: trial 1 has 0.7 - 0.1 = 0.6 > 0.5, stopped; trial 2 has
        // 0.45 <= 0.5. At 3 trial 0 would have gone (1.0 vs 0.3) but the policy does not apply. At 4:
        // trial 2 has 0.6 - 0.1 = 0.5 > 0.4, stopped.
        assertEquals(Map.of(1, 2, 2, 4), replay(policy, Direction.MINIMIZE,
                new double[] {1.0, 0.5, 1.0, 0.4}, new double[] {0.9, 0.7, 0.6, 0.45}, new double[] {2.0, 0.55, 0.3, 0.6}));
    }

    @Test
    void banditEqualityNeverStops() {
        var policy = new BanditPolicy(Double.NaN, 0.1, 1, 0);
        assertEquals(Map.of(), replay(policy, Direction.MAXIMIZE, new double[] {0.5}, new double[] {0.4}));
        assertEquals(Map.of(1, 1), replay(policy, Direction.MAXIMIZE, new double[] {0.5}, new double[] {0.39}));
    }

    @Test
    void medianStopsWhenTheBestSoFarIsWorseThanTheMedianOfOthersRunningAverages() {
        var policy = new MedianStoppingPolicy(1, 0);
        // Interval 1: trial 2's best 0.5 < median(1, 2) = 1.5, stopped; trial 3's 1.5 >= median(1, 2, 0.5) = 1.
        // Interval 2: trial 3's best 1.6 < median(avg(1, 2) = 1.5, avg(2, 2) = 2) = 1.75, stopped. Trial 0's best
        // 2 equals trial 1's average 2: not worse, goes on.
        assertEquals(Map.of(2, 1, 3, 2), replay(policy, Direction.MAXIMIZE,
                new double[] {1, 2, 3}, new double[] {2, 2, 2}, new double[] {0.5, 0.6, 4}, new double[] {1.5, 1.6, 1.7}));
    }

    @Test
    void medianWithADelayLetsEarlyLaggardsThrough() {
        var policy = new MedianStoppingPolicy(1, 2);
        // No decision at interval 1, so trial 2 reaches 2, where its best 0.6 < median(1.5, 2) stops it. Trial 3 at
        // interval 2 now compares with trials 0, 1 and 2 (averages 1.5, 2, 0.55): median 1.5, its 1.6 goes on; at 3
        // its best 1.7 < median(2, 2) = 2 (trial 2 has no third score), stopped.
        assertEquals(Map.of(2, 2, 3, 3), replay(policy, Direction.MAXIMIZE,
                new double[] {1, 2, 3}, new double[] {2, 2, 2}, new double[] {0.5, 0.6, 4}, new double[] {1.5, 1.6, 1.7}));
    }

    @Test
    void truncationStopsTheWorstShareAtEachInterval() {
        var policy = new TruncationSelectionPolicy(50, 1, 0);
        // Interval 1: with 4 trials floor(4 · 0.5) = 2 are truncated when trial 3 reports: trials 3 (0.3) and 0 (0.4);
        // trial 3 is the one reporting, stopped. Interval 2: trial 2 reports 0.4 as third: floor(1.5) = 1, the worst, stopped.
        assertEquals(Map.of(3, 1, 2, 2), replay(policy, Direction.MAXIMIZE,
                new double[] {0.4, 0.5}, new double[] {0.6, 0.7}, new double[] {0.5, 0.4}, new double[] {0.3, 0.9}));
        var delayed = new TruncationSelectionPolicy(50, 1, 2);
        assertEquals(Map.of(2, 2), replay(delayed, Direction.MAXIMIZE,
                new double[] {0.4, 0.5}, new double[] {0.6, 0.7}, new double[] {0.5, 0.4}, new double[] {0.3, 0.9}));
    }

    @Test
    void truncationCountsDownAndBreaksTiesAgainstTheLaterTrial() {
        var policy = new TruncationSelectionPolicy(30, 1, 0);
        // 3 trials: floor(0.9) = 0, nobody stops, however bad.
        assertEquals(Map.of(), replay(policy, Direction.MAXIMIZE, new double[] {1}, new double[] {1}, new double[] {0}));
        // 4 trials, equal scores: floor(1.2) = 1, the later trial is the worse.
        assertEquals(Map.of(3, 1), replay(policy, Direction.MINIMIZE,
                new double[] {1}, new double[] {1}, new double[] {1}, new double[] {1}));
    }

    @Test
    void aNaNScoreStopsWhereThePolicyApplies() {
        assertTrue(new MedianStoppingPolicy(1, 0).shouldStop(new SearchHistory(Direction.MAXIMIZE, List.of(),
                List.of(new Observation(0, 1, Double.NaN))), 0));
        assertFalse(new MedianStoppingPolicy(2, 0).shouldStop(new SearchHistory(Direction.MAXIMIZE, List.of(),
                List.of(new Observation(0, 1, Double.NaN))), 0));
    }

    @Test
    void appliesAtFollowsIntervalAndDelay() {
        var p = new MedianStoppingPolicy(1, 5);
        assertEquals(List.of(5, 6, 7), java.util.stream.IntStream.rangeClosed(1, 7).filter(p::appliesAt).boxed().toList());
        var q = new MedianStoppingPolicy(2, 0);
        assertEquals(List.of(2, 4, 6), java.util.stream.IntStream.rangeClosed(1, 7).filter(q::appliesAt).boxed().toList());
    }

    @Test
    void parametersAreValidatedWithTheRule() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BanditPolicy(0.1, 0.1, 1, 0));
        assertTrue(e.getMessage().contains("exactly one of slackFactor and slackAmount"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BanditPolicy(-0.1, Double.NaN, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new MedianStoppingPolicy(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MedianStoppingPolicy(1, -1));
        var t = assertThrows(IllegalArgumentException.class, () -> new TruncationSelectionPolicy(100, 1, 0));
        assertTrue(t.getMessage().contains("[1, 99], got 100"), t.getMessage());
    }
}
