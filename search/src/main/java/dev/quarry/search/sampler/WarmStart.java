package dev.quarry.search.sampler;

import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * The warm start: every learner's library defaults first (in space order), then its portfolio of
 * known-good settings. Without the learner bandit the whole {@link #sequence} comes first: every
 * learner's first portfolio entry, then every second one, and so on. With the bandit only the
 * {@link #defaults} come first, and a learner's portfolio entries are its next trials whenever the
 * bandit picks it ({@link #nextFor}), so the portfolios of slow learners that trail (extra trees
 * or gradient boosting on a dataset where a linear model or an MLP leads) do not spend the first
 * minutes of a short budget. Cheap strong configurations come before any model-based proposal, so a
 * good model exists within seconds, and every learner gets a fair first trial. Pure functions of the
 * space (and of the trials taken).
 */
public final class WarmStart {

    private WarmStart() {
    }

    /**
     * @param space the space
     * @return the sequence, no entry repeated
     */
    public static List<Params> sequence(SearchSpace space) {
        var out = new ArrayList<Params>();
        int longest = space.learners().stream().mapToInt(l -> l.warmStart().size()).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (LearnerSpace l : space.learners()) {
                List<Params> own = l.warmStart();
                if (i < own.size() && !out.contains(own.get(i))) {
                    out.add(own.get(i));
                }
            }
        }
        return out;
    }

    /**
     * @param space the space
     * @return every learner's library defaults, in space order
     */
    public static List<Params> defaults(SearchSpace space) {
        return space.learners().stream().map(l -> l.warmStart().getFirst()).toList();
    }

    /**
     * @param learner a learner
     * @param taken the params of every trial so far, running ones included
     * @return its first warm-start entry (defaults, then portfolio) no trial has used, if any
     */
    public static java.util.Optional<Params> nextFor(LearnerSpace learner, java.util.Set<Params> taken) {
        return learner.warmStart().stream().filter(p -> !taken.contains(p)).findFirst();
    }
}
