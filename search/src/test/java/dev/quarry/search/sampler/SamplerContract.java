package dev.quarry.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every sampler must do. A sampler's test implements this interface and supplies the sampler
 * for a seed; the tests here run against a conditional space of two learners.
 */
public interface SamplerContract {

    /**
     * @param seed the experiment seed
     * @return a fresh sampler
     */
    Sampler sampler(long seed);

    /** Two learners with different, typed hyperparameters: the conditional space. */
    static SearchSpace space() {
        return new SearchSpace(List.of(
                new LearnerSpace("forest", List.of(
                        new Hyperparameter("trees", new IntDomain(10, 500, true), 100),
                        new Hyperparameter("split", CategoricalDomain.of("gini", "entropy"), "gini"))),
                new LearnerSpace("linear", List.of(
                        new Hyperparameter("lambda", new FloatDomain(1e-6, 10, true), 1e-3)))));
    }

    /** Runs the sampler for n trials, scoring each by a known function of its params. */
    private List<Params> run(Sampler sampler, int n) {
        var trials = new ArrayList<TrialRecord>();
        var out = new ArrayList<Params>();
        for (int i = 0; i < n; i++) {
            Params p = sampler.propose(space(), new SearchHistory(Direction.MAXIMIZE, trials), i);
            out.add(p);
            double score = p.learner().equals("forest") ? p.getInt("trees") / 500.0 : -p.getDouble("lambda");
            trials.add(new TrialRecord(i, p, TrialState.COMPLETED, score, 1.0));
        }
        return out;
    }

    @Test
    default void proposalsLieInTheSpaceAndRespectConditionals() {
        for (Params p : run(sampler(1), 60)) {
            assertTrue(space().contains(p), () -> "outside the space: " + p);
            var declared = space().learner(p.learner()).orElseThrow().hyperparameters().stream()
                    .map(Hyperparameter::name).toList();
            assertEquals(new HashSet<>(declared), p.values().keySet(), "only the chosen learner's params");
        }
    }

    @Test
    default void sameSeedGivesSameProposals() {
        assertEquals(run(sampler(5), 30), run(sampler(5), 30));
    }

    @Test
    default void differentSeedsGiveDifferentProposals() {
        assertNotEquals(run(sampler(5), 30), run(sampler(6), 30));
    }

    @Test
    default void everyLearnerIsTried() {
        var learners = new HashSet<String>();
        run(sampler(3), 40).forEach(p -> learners.add(p.learner()));
        assertEquals(new HashSet<>(List.of("forest", "linear")), learners);
    }

    @Test
    default void twoWorkersNeverGetIdenticalParams() {
        // Two workers: each proposal is made while the other worker's trial is still running; then the older finishes.
        Sampler sampler = sampler(3);
        var trials = new ArrayList<TrialRecord>();
        Params running = null;
        for (int i = 0; i < 40; i++) {
            Params p = sampler.propose(space(), new SearchHistory(Direction.MAXIMIZE, trials), i);
            if (running != null) {
                assertNotEquals(running, p, "trial " + i + " got the params of the running trial " + (i - 1));
                double score = running.learner().equals("forest") ? running.getInt("trees") / 500.0 : -running.getDouble("lambda");
                trials.set(trials.size() - 1, new TrialRecord(i - 1, running, TrialState.COMPLETED, score, 1));
            }
            trials.add(new TrialRecord(i, p, TrialState.RUNNING, Double.NaN, 0));
            running = p;
        }
    }
}
