package dev.quarry.search.scheduler;

import dev.quarry.search.history.SearchHistory;
import java.util.Set;

/**
 * Synchronous successive halving (Jamieson and Talwalkar 2016): brackets of {@code bracketSize}
 * trials start at rung 0; when every trial of a bracket has finished at rung k, the best
 * {@code floor(m / η)} of the m that ran there are promoted to rung k + 1 and the rest are pruned.
 * The i-th trial started (0-based) belongs to bracket {@code i / bracketSize}.
 *
 * <p>Workers do not wait for a rung to be decided: while no promotion is due, they start the next
 * bracket's trials. Once no new trial may start, a partly filled bracket is decided with the trials
 * it has.
 *
 * @param ladder the rungs
 * @param bracketSize trials per bracket, at least 1; {@code ceil(η^K)} lets one trial reach the top
 */
public record SuccessiveHalving(ResourceLadder ladder, int bracketSize) implements Scheduler {

    /** Validates. */
    public SuccessiveHalving {
        if (ladder == null) {
            throw new IllegalArgumentException("successive halving needs a resource ladder");
        }
        if (bracketSize < 1) {
            throw new IllegalArgumentException("`bracketSize >= 1` must hold, got " + bracketSize);
        }
    }

    /**
     * @param ladder the rungs
     * @return successive halving whose brackets just reach the top rung with one trial: size {@code ceil(η^K)}
     */
    public static SuccessiveHalving of(ResourceLadder ladder) {
        return new SuccessiveHalving(ladder, (int) Math.ceil(Math.pow(ladder.reductionFactor(), ladder.top()) - 1e-9));
    }

    private Brackets brackets() {
        return new Brackets(ladder, p -> new Brackets.Bracket(p / bracketSize, 0, bracketSize));
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
