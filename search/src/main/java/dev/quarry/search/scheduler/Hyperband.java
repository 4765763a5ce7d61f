package dev.quarry.search.scheduler;

import dev.quarry.search.history.SearchHistory;
import java.util.Set;

/**
 * Hyperband (Li et al. 2018): successive halving over brackets that trade the number of trials
 * against their starting resource. With {@code K = ladder.top()}, bracket {@code s = K, K−1, …, 0}
 * starts {@code n_s = ceil((K + 1) / (s + 1) · η^s)} trials at rung {@code K − s}; bracket 0 runs
 * its trials at the full resource. Trials are assigned to brackets in that order by their start
 * position, cycling: the first {@code n_K} trials form bracket K, the next {@code n_(K−1)} bracket
 * K−1, and so on, then again from K. Within a bracket, rungs are decided as in
 * {@link SuccessiveHalving}; workers start the next bracket's trials rather than wait.
 *
 * <p>With a sampler that learns from the history (TPE) this is BOHB (Falkner et al. 2018): each
 * start asks the sampler, which models the largest resource with enough observations.
 *
 * @param ladder the rungs
 */
public record Hyperband(ResourceLadder ladder) implements Scheduler {

    /** Validates. */
    public Hyperband {
        if (ladder == null) {
            throw new IllegalArgumentException("Hyperband needs a resource ladder");
        }
    }

    /**
     * @param s a bracket index in {@code 0..K}
     * @return {@code n_s}, the trials bracket s starts
     */
    public int bracketSize(int s) {
        int k = ladder.top();
        return (int) Math.ceil((k + 1.0) / (s + 1.0) * Math.pow(ladder.reductionFactor(), s) - 1e-9);
    }

    private Brackets.Bracket bracketAt(int position) {
        int k = ladder.top();
        int cycle = 0;
        for (int s = k; s >= 0; s--) {
            cycle += bracketSize(s);
        }
        int round = position / cycle;
        int offset = position % cycle;
        for (int s = k; s >= 0; s--) {
            int n = bracketSize(s);
            if (offset < n) {
                return new Brackets.Bracket(round * (k + 1) + (k - s), k - s, n);
            }
            offset -= n;
        }
        throw new IllegalStateException("unreachable: offset within a cycle");
    }

    private Brackets brackets() {
        return new Brackets(ladder, this::bracketAt);
    }

    @Override
    public Decision next(SearchHistory history, boolean mayStart) {
        return brackets().next(history, mayStart);
    }

    @Override
    public Set<Integer> pruned(SearchHistory history, boolean mayStart) {
        return brackets().pruned(history, mayStart);
    }
}
