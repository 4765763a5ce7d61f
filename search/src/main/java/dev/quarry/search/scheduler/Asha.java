package dev.quarry.search.scheduler;

import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import java.util.List;
import java.util.Set;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020): decisions as results arrive, so workers
 * never idle. When a worker is free, the scheduler looks from the highest rung below the top down
 * to rung 0 for a trial that is in the top {@code floor(n_k / η)} of the {@code n_k} trials scored
 * at rung k so far and has not been promoted from it; the first found (best score first) is
 * promoted to rung k + 1. If there is none, a new trial starts at rung 0.
 *
 * <p>A trial left behind is never final: a later, worse result at its rung can still promote it,
 * so {@link #pruned} is always empty; the experiment records trials still below the top at the end
 * as PRUNED.
 *
 * @param ladder the rungs
 */
public record Asha(ResourceLadder ladder) implements Scheduler {

    /** Validates. */
    public Asha {
        if (ladder == null) {
            throw new IllegalArgumentException("ASHA needs a resource ladder");
        }
    }

    @Override
    public Decision next(SearchHistory history, boolean mayStart) {
        var rungs = new Rungs(history, ladder);
        for (int k = ladder.top() - 1; k >= 0; k--) {
            List<TrialRecord> observed = rungs.observedAt(k);
            List<TrialRecord> ranked = rungs.ranked(observed, k);
            int quota = rungs.quota(observed.size());
            for (TrialRecord t : ranked.subList(0, Math.min(quota, ranked.size()))) {
                if (rungs.promotable(t, k)) {
                    return new Decision.Promote(t.number(), ladder.resource(k + 1));
                }
            }
        }
        return mayStart ? new Decision.Start(ladder.resource(0)) : new Decision.Wait();
    }

    @Override
    public Set<Integer> pruned(SearchHistory history, boolean mayStart) {
        return Set.of();
    }
}
