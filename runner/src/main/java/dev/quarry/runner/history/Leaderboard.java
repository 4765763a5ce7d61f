package dev.quarry.runner.history;

import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An experiment's child runs, ranked: COMPLETED runs by score in the metric's direction (ties go
 * to the lower trial number), then PRUNED runs by score, then unranked runs (FAILED, RUNNING) in
 * trial order with rank 0.
 *
 * @param experimentId the experiment
 * @param metric the primary metric's name
 * @param direction its direction
 * @param entries every child run, in leaderboard order
 */
public record Leaderboard(String experimentId, String metric, Direction direction, List<LeaderboardEntry> entries) {

    /** Copies the entries. */
    public Leaderboard {
        entries = List.copyOf(entries);
    }

    /**
     * @param experimentId the experiment
     * @param metric the primary metric's name
     * @param direction its direction
     * @param trials its child runs, in any order
     * @return the ranked leaderboard
     */
    public static Leaderboard of(String experimentId, String metric, Direction direction, List<TrialResult> trials) {
        Comparator<TrialResult> byScore = Comparator.<TrialResult>comparingDouble(t -> direction.toLoss(t.score()))
                .thenComparingInt(TrialResult::number);
        var entries = new ArrayList<LeaderboardEntry>();
        int rank = 0;
        for (TrialState state : List.of(TrialState.COMPLETED, TrialState.PRUNED)) {
            for (TrialResult t : trials.stream().filter(t -> t.state() == state && !Double.isNaN(t.score()))
                    .sorted(byScore).toList()) {
                entries.add(new LeaderboardEntry(++rank, t));
            }
        }
        trials.stream().filter(t -> !(t.state() == TrialState.COMPLETED || t.state() == TrialState.PRUNED)
                        || Double.isNaN(t.score()))
                .sorted(Comparator.comparingInt(TrialResult::number))
                .forEach(t -> entries.add(new LeaderboardEntry(0, t)));
        return new Leaderboard(experimentId, metric, direction, entries);
    }

    /** @return the best COMPLETED run, if any */
    public Optional<LeaderboardEntry> best() {
        return entries.stream().filter(e -> e.rank() > 0 && e.trial().state() == TrialState.COMPLETED).findFirst();
    }

    /**
     * @param n how many
     * @return the first n ranked entries
     */
    public List<LeaderboardEntry> top(int n) {
        return entries.stream().filter(e -> e.rank() > 0).limit(n).toList();
    }
}
