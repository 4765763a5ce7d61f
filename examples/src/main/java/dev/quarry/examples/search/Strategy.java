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
    /**
     * Random search as Bergstra and Bengio (2012) define it, the baseline: learner and params drawn
     * uniformly from the first trial on, without the learners' defaults or portfolios first (those
     * are part of Quarry's strategy; {@code quarry run}'s random sampler tries the defaults first).
     */
    RANDOM("random", "{sampler: {type: random, defaultsFirst: false}}"),
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

    /**
     * @param text comma-separated strategy ids, e.g. {@code random,gp}
     * @return those strategies in catalog order, random search and the default always among them
     * @throws IllegalArgumentException naming an unknown id
     */
    static List<Strategy> parseList(String text) {
        var chosen = new java.util.TreeSet<Strategy>(List.of(RANDOM, DEFAULT));
        for (String id : text.split(",")) {
            chosen.add(ALL.stream().filter(s -> s.id.equals(id.strip())).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("--strategies: unknown strategy '" + id.strip() + "'; known: "
                            + ALL.stream().map(s -> s.id).toList())));
        }
        return List.copyOf(chosen);
    }

    Sampler sampler(long seed) {
        return switch (this) {
            case RANDOM -> new RandomSampler(seed, false);
            case TPE, TPE_ASHA -> new TpeSampler(seed, 10, 24, 0.1, true, false);
            case GP -> new GpSampler(seed, 10, 256, true);
        };
    }

    Scheduler scheduler() {
        return this == TPE_ASHA ? new Asha(new ResourceLadder(0.1, 1, 3)) : null;
    }
}
