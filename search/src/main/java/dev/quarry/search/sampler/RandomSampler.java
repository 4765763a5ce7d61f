package dev.quarry.search.sampler;

import dev.quarry.search.Seeds;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.util.SplittableRandom;

/**
 * Random search (Bergstra and Bengio 2012): the learner uniformly, then each of its hyperparameters
 * independently from its domain. Before sampling, each learner's library defaults are tried once,
 * in space order, so that every learner gets a fair, cheap first trial.
 *
 * @param seed the experiment seed; trial {@code n} draws from {@code Seeds.mix(seed, n)}
 * @param defaultsFirst whether the first trials are the learners' defaults
 */
public record RandomSampler(long seed, boolean defaultsFirst) implements Sampler {

    @Override
    public Params propose(SearchSpace space, SearchHistory history, int trialNumber) {
        if (defaultsFirst && trialNumber < space.learners().size()) {
            return space.learners().get(trialNumber).defaults();
        }
        var rng = new SplittableRandom(Seeds.mix(seed, trialNumber));
        LearnerSpace learner = space.learners().get(rng.nextInt(space.learners().size()));
        return learner.sample(rng);
    }
}
