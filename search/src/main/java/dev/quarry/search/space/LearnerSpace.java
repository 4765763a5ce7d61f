package dev.quarry.search.space;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The hyperparameters of one learner: the conditional branch taken once the learner is chosen.
 *
 * @param learner the learner's catalog name, e.g. {@code smile.random_forest}
 * @param hyperparameters its hyperparameters, names distinct; may be empty
 * @param portfolio known-good settings the learner declares (besides its library defaults), tried
 *     first by warm starts; each completed with defaults for what it leaves out; may be empty
 */
public record LearnerSpace(String learner, List<Hyperparameter> hyperparameters, List<Params> portfolio) {

    /** Validates and copies; portfolio entries are completed and must lie in this space. */
    public LearnerSpace {
        hyperparameters = List.copyOf(hyperparameters);
        var names = new HashSet<String>();
        for (Hyperparameter h : hyperparameters) {
            if (!names.add(h.name())) {
                throw new IllegalArgumentException("duplicate hyperparameter " + h.name() + " in " + learner);
            }
        }
        var completed = new java.util.ArrayList<Params>();
        for (Params p : portfolio) {
            if (!p.learner().equals(learner)) {
                throw new IllegalArgumentException("a portfolio entry of " + learner + " names learner " + p.learner());
            }
            completed.add(new LearnerSpace(learner, hyperparameters).complete(p.values()));
        }
        portfolio = List.copyOf(completed);
    }

    /**
     * A learner with no portfolio beyond its defaults.
     *
     * @param learner the catalog name
     * @param hyperparameters its hyperparameters
     */
    public LearnerSpace(String learner, List<Hyperparameter> hyperparameters) {
        this(learner, hyperparameters, List.of());
    }

    /**
     * @param entries known-good settings (partial values are completed with defaults)
     * @return this space with that portfolio
     */
    public LearnerSpace withPortfolio(List<Map<String, ?>> entries) {
        return new LearnerSpace(learner, hyperparameters, entries.stream().map(e -> new Params(learner, e)).toList());
    }

    /**
     * @return how many distinct configurations this learner has: 1 without hyperparameters, the
     *     product of the domains' sizes when every domain is finite, or -1 when some domain is
     *     continuous or the product exceeds {@link Long#MAX_VALUE}
     */
    public long configurations() {
        long n = 1;
        for (Hyperparameter h : hyperparameters) {
            long size = h.domain().size();
            if (size < 0 || n > Long.MAX_VALUE / size) {
                return -1;
            }
            n *= size;
        }
        return n;
    }

    /** @return the library defaults, then the portfolio entries that differ from them, in order */
    public List<Params> warmStart() {
        var out = new java.util.ArrayList<Params>();
        out.add(defaults());
        portfolio.stream().filter(p -> !out.contains(p)).forEach(out::add);
        return out;
    }

    /**
     * @param name a hyperparameter name
     * @return the hyperparameter, if this learner declares it
     */
    public Optional<Hyperparameter> find(String name) {
        return hyperparameters.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** @return the params made of every hyperparameter's library default */
    public Params defaults() {
        var values = new TreeMap<String, Object>();
        hyperparameters.forEach(h -> values.put(h.name(), h.defaultValue()));
        return new Params(learner, values);
    }

    /**
     * @param rng the source of randomness
     * @return params with every hyperparameter drawn independently
     */
    public Params sample(SplittableRandom rng) {
        var values = new TreeMap<String, Object>();
        hyperparameters.forEach(h -> values.put(h.name(), h.domain().sample(rng)));
        return new Params(learner, values);
    }

    /**
     * Checks that {@code values} names only this learner's hyperparameters with in-domain values,
     * and fills the ones it leaves out with their defaults.
     *
     * @param values values from a user or the run history
     * @return complete, normalised params
     * @throws IllegalArgumentException naming the first offending hyperparameter
     */
    public Params complete(Map<String, ?> values) {
        var out = new TreeMap<String, Object>();
        var given = new LinkedHashMap<String, Object>(values);
        for (Hyperparameter h : hyperparameters) {
            Object v = given.remove(h.name());
            try {
                out.put(h.name(), v == null ? h.defaultValue() : h.domain().coerce(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(learner + "." + h.name() + ": " + e.getMessage(), e);
            }
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(learner + " has no hyperparameter " + given.keySet().iterator().next()
                    + "; it has " + hyperparameters.stream().map(Hyperparameter::name).toList());
        }
        return new Params(learner, out);
    }
}
