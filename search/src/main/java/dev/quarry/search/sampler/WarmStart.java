package dev.quarry.search.sampler;

import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * The warm-start sequence: every learner's library defaults first (in space order), then every
 * learner's first portfolio entry, then every second one, and so on. Cheap strong configurations
 * come before any model-based proposal, so a good model exists within seconds, and every learner
 * gets a fair first trial. A pure function of the space.
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
}
