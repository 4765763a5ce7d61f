package dev.quarry.search.scheduler;

import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Synchronous successive halving over brackets, shared by {@link SuccessiveHalving} and
 * {@link Hyperband}. Trials belong to brackets by their position in the history (the i-th trial
 * started), so the assignment is a pure function of the history.
 *
 * <p>A bracket's rung k is decided once every trial that entered it (rung of its latest run
 * {@code >= k}) has finished there, and, for the bracket's first rung, once the bracket is full
 * (or no trial may start any more). Then the best {@code floor(m / η)} of its m entrants with a
 * score at rung k are promoted; the other finished ones are pruned.
 */
final class Brackets {

    /**
     * @param id distinct per bracket instance, increasing in start order
     * @param startRung the rung its trials start at
     * @param size how many trials it starts
     */
    record Bracket(int id, int startRung, int size) {
    }

    private record Candidate(int rung, double loss, int trial) {
    }

    private final ResourceLadder ladder;
    private final IntFunction<Bracket> bracketOfPosition;

    Brackets(ResourceLadder ladder, IntFunction<Bracket> bracketOfPosition) {
        this.ladder = ladder;
        this.bracketOfPosition = bracketOfPosition;
    }

    Decision next(SearchHistory history, boolean mayStart) {
        var rungs = new Rungs(history, ladder);
        Candidate best = null;
        for (var e : groups(history).entrySet()) {
            Bracket b = e.getKey();
            for (int k = ladder.top() - 1; k >= b.startRung(); k--) {
                List<TrialRecord> top = decidedTop(rungs, b, e.getValue(), k, mayStart);
                for (TrialRecord t : top == null ? List.<TrialRecord>of() : top) {
                    if (rungs.promotable(t, k)) {
                        var c = new Candidate(k, history.direction().toLoss(rungs.scoreAt(t.number(), k)), t.number());
                        if (best == null || c.rung() > best.rung()
                                || (c.rung() == best.rung() && (c.loss() < best.loss()
                                        || (c.loss() == best.loss() && c.trial() < best.trial())))) {
                            best = c;
                        }
                    }
                }
            }
        }
        if (best != null) {
            return new Decision.Promote(best.trial(), ladder.resource(best.rung() + 1));
        }
        if (mayStart) {
            return new Decision.Start(ladder.resource(bracketOfPosition.apply(history.trials().size()).startRung()));
        }
        return new Decision.Wait();
    }

    Set<Integer> pruned(SearchHistory history, boolean mayStart) {
        var rungs = new Rungs(history, ladder);
        var out = new TreeSet<Integer>();
        for (var e : groups(history).entrySet()) {
            Bracket b = e.getKey();
            for (int k = ladder.top() - 1; k >= b.startRung(); k--) {
                List<TrialRecord> top = decidedTop(rungs, b, e.getValue(), k, mayStart);
                if (top == null) {
                    continue;
                }
                for (TrialRecord t : e.getValue()) {
                    if (t.state() == TrialState.COMPLETED && rungs.rungOf(t) == k && !top.contains(t)) {
                        out.add(t.number());
                    }
                }
            }
        }
        return out;
    }

    /** @return the trials promoted (or to be promoted) from rung k, or null if k is not decided */
    private List<TrialRecord> decidedTop(Rungs rungs, Bracket b, List<TrialRecord> members, int k, boolean mayStart) {
        if (k == b.startRung() && members.size() < b.size() && mayStart) {
            return null;
        }
        var entrants = members.stream().filter(t -> rungs.rungOf(t) >= k).toList();
        if (entrants.isEmpty() || entrants.stream().anyMatch(t -> t.state() == TrialState.RUNNING && rungs.rungOf(t) == k)) {
            return null;
        }
        List<TrialRecord> ranked = rungs.ranked(entrants, k);
        return ranked.subList(0, Math.min(rungs.quota(entrants.size()), ranked.size()));
    }

    private Map<Bracket, List<TrialRecord>> groups(SearchHistory history) {
        var out = new LinkedHashMap<Bracket, List<TrialRecord>>();
        List<TrialRecord> trials = history.trials();
        for (int p = 0; p < trials.size(); p++) {
            out.computeIfAbsent(bracketOfPosition.apply(p), b -> new ArrayList<>()).add(trials.get(p));
        }
        return out;
    }
}
