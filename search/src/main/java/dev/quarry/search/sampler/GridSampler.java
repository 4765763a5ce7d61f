package dev.quarry.search.sampler;

import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.space.CategoricalDomain;
import dev.quarry.search.space.Domain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Grid search: every combination of each learner's hyperparameter values, learner by learner in
 * space order, hyperparameters varying last-declared fastest. A float domain contributes
 * {@code pointsPerAxis} evenly spaced values (in log space where declared), ends included; an int
 * domain as many distinct rounded values, at most its size; a categorical domain every choice.
 * Trial n gets point n; once every point has been proposed, {@link #exhausted} says so and
 * {@link #propose} throws. Deterministic and seed-free.
 *
 * @param pointsPerAxis values per numeric hyperparameter, at least 1 (1 means the middle)
 */
public record GridSampler(int pointsPerAxis) implements Sampler {

    /** Validates. */
    public GridSampler {
        if (pointsPerAxis < 1) {
            throw new IllegalArgumentException("`pointsPerAxis >= 1` must hold, got " + pointsPerAxis);
        }
    }

    /**
     * @param space the space
     * @return every grid point in proposal order
     */
    public List<Params> points(SearchSpace space) {
        var out = new ArrayList<Params>();
        for (LearnerSpace l : space.learners()) {
            var combos = new ArrayList<TreeMap<String, Object>>();
            combos.add(new TreeMap<>());
            for (Hyperparameter h : l.hyperparameters()) {
                var next = new ArrayList<TreeMap<String, Object>>();
                for (TreeMap<String, Object> c : combos) {
                    for (Object v : values(h.domain())) {
                        var copy = new TreeMap<>(c);
                        copy.put(h.name(), v);
                        next.add(copy);
                    }
                }
                combos = next;
            }
            combos.forEach(c -> out.add(new Params(l.learner(), c)));
        }
        return out;
    }

    private List<Object> values(Domain domain) {
        if (domain instanceof CategoricalDomain c) {
            return List.copyOf(c.choices());
        }
        var out = new ArrayList<Object>();
        for (int i = 0; i < pointsPerAxis; i++) {
            Object v = domain.fromUnit(pointsPerAxis == 1 ? 0.5 : i / (double) (pointsPerAxis - 1));
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    @Override
    public Params propose(SearchSpace space, SearchHistory history, int trialNumber) {
        List<Params> points = points(space);
        if (trialNumber >= points.size()) {
            throw new IllegalStateException("the grid of " + points.size() + " points is exhausted at trial " + trialNumber);
        }
        return points.get(trialNumber);
    }

    @Override
    public boolean exhausted(SearchSpace space, SearchHistory history, int trialNumber) {
        return trialNumber >= points(space).size();
    }
}
