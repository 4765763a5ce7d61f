package dev.quarry.search.space;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The conditional space Quarry searches: first the learner, then that learner's hyperparameters.
 *
 * @param learners the candidate learners in a fixed order (the order is part of reproducibility)
 */
public record SearchSpace(List<LearnerSpace> learners) {

    /** Validates and copies. */
    public SearchSpace {
        learners = List.copyOf(learners);
        if (learners.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one learner");
        }
        if (learners.stream().map(LearnerSpace::learner).distinct().count() != learners.size()) {
            throw new IllegalArgumentException("learner names must be distinct in a search space");
        }
    }

    /**
     * @param learner a learner name
     * @return its branch, if the learner is in this space
     */
    public Optional<LearnerSpace> learner(String learner) {
        return learners.stream().filter(l -> l.learner().equals(learner)).findFirst();
    }

    /** @return the learners by name */
    public Map<String, LearnerSpace> byName() {
        return learners.stream().collect(Collectors.toMap(LearnerSpace::learner, Function.identity()));
    }

    /**
     * @param params a point
     * @return whether the learner is in this space and every value is in its domain
     */
    public boolean contains(Params params) {
        var branch = learner(params.learner());
        if (branch.isEmpty()) {
            return false;
        }
        try {
            return branch.get().complete(params.values()).equals(params);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
