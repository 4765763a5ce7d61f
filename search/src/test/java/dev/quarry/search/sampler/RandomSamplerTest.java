package dev.quarry.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.space.Params;
import org.junit.jupiter.api.Test;

class RandomSamplerTest implements SamplerContract {

    @Override
    public Sampler sampler(long seed) {
        return new RandomSampler(seed, true);
    }

    @Test
    void defaultsComeFirstInSpaceOrder() {
        var sampler = new RandomSampler(9, true);
        var space = SamplerContract.space();
        var empty = SearchHistory.empty(Direction.MAXIMIZE);
        assertEquals(space.learners().get(0).defaults(), sampler.propose(space, empty, 0));
        assertEquals(space.learners().get(1).defaults(), sampler.propose(space, empty, 1));
    }

    @Test
    void proposalDependsOnTrialNumberNotOnCallOrder() {
        var sampler = new RandomSampler(9, false);
        var space = SamplerContract.space();
        var empty = SearchHistory.empty(Direction.MAXIMIZE);
        Params later = sampler.propose(space, empty, 17);
        sampler.propose(space, empty, 3);
        assertEquals(later, sampler.propose(space, empty, 17));
    }

    @Test
    void logScaledIntsCoverTheirRangeEvenly() {
        // 2000 draws of trees in [10, 500] on a log scale: the median should be near sqrt(10*500) = 70.7.
        // Binomial tolerance: P(median outside [55, 90]) is far below 1e-6 for 2000 draws.
        var sampler = new RandomSampler(11, false);
        var space = SamplerContract.space();
        var empty = SearchHistory.empty(Direction.MAXIMIZE);
        var trees = new java.util.ArrayList<Integer>();
        for (int i = 0; trees.size() < 2000; i++) {
            Params p = sampler.propose(space, empty, i);
            if (p.learner().equals("forest")) {
                trees.add(p.getInt("trees"));
            }
        }
        trees.sort(null);
        int median = trees.get(trees.size() / 2);
        assertTrue(median >= 55 && median <= 90, "median " + median);
    }
}
