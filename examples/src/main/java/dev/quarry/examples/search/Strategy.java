package dev.quarry.examples.search;

import dev.quarry.search.sampler.GpSampler;
import dev.quarry.search.sampler.RandomSampler;
import dev.quarry.search.sampler.Sampler;
import dev.quarry.search.sampler.TpeSampler;
import dev.quarry.search.scheduler.Asha;
import dev.quarry.search.scheduler.ResourceLadder;
import dev.quarry.search.scheduler.Scheduler;
import java.util.List;

/**
 * The strategies the benchmark compares, each with Quarry's config defaults, and the YAML that
 * selects the same strategy in an experiment config.
 */
enum Strategy {
    /** Random search, each learner's defaults first. */
    RANDOM("random", "{sampler: {type: random}}"),
    /** TPE with the warm-start portfolio. */
    TPE("tpe", "{sampler: {type: tpe}}"),
    /** The GP optimiser with expected improvement per cost across learners. */
    GP("gp", "{sampler: {type: gp}}"),
    /** TPE proposing, ASHA scheduling (rungs 1/9, 1/3, 1). */
    TPE_ASHA("tpe+asha", "{sampler: {type: tpe}, scheduler: {type: asha}}");

    static final List<Strategy> ALL = List.of(values());
    /** What {@code quarry run} uses when the config has no {@code search} (SearchConfig's default). */
    static final Strategy DEFAULT = GP;

    final String id;
    final String yaml;

    Strategy(String id, String yaml) {
        this.id = id;
        this.yaml = yaml;
    }

    Sampler sampler(long seed) {
        return switch (this) {
            case RANDOM -> new RandomSampler(seed, true);
            case TPE, TPE_ASHA -> new TpeSampler(seed, 10, 24, 0.1, true, false);
            case GP -> new GpSampler(seed, 10, 256, true);
        };
    }

    Scheduler scheduler() {
        return this == TPE_ASHA ? new Asha(new ResourceLadder(0.1, 1, 3)) : null;
    }
}
