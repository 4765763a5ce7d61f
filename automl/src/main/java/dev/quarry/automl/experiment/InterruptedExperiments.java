package dev.quarry.automl.experiment;

import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.history.LeaderboardEntry;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.RunStore;
import dev.quarry.runner.store.Workspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds experiments the run history says are RUNNING although no process runs them (their
 * coordinator was killed, or the machine went down) and records them INTERRUPTED, with the best
 * child run so far, so that what the run history and the API say is true; {@code quarry resume}
 * continues them. An experiment is left alone while a live process holds its coordinator lock (a
 * {@code quarry run} or {@code quarry resume} in another terminal). Child runs are untouched: the
 * ones left RUNNING are what resume runs again.
 */
public final class InterruptedExperiments {

    private InterruptedExperiments() {
    }

    /**
     * Called by {@code quarry serve} at start, before it runs experiments of its own.
     *
     * @param store the workspace's run store
     * @param workspace the workspace
     * @param now the time recorded as their end
     * @return the experiments marked INTERRUPTED, as they were (RUNNING)
     */
    public static List<ExperimentRecord> mark(RunStore store, Workspace workspace, Instant now) {
        var marked = new ArrayList<ExperimentRecord>();
        for (ExperimentRecord e : store.experiments()) {
            if (e.status() != ExperimentStatus.RUNNING) {
                continue;
            }
            CoordinatorLock lock;
            try {
                lock = CoordinatorLock.acquire(workspace.runDir(e.id()), e.id());
            } catch (IllegalStateException alive) {
                continue;
            }
            // Held while recording, so that a resume cannot start in between and be marked interrupted.
            try (lock) {
                Optional<LeaderboardEntry> best = Leaderboard.of(e.id(), e.metric(), e.direction(), store.trials(e.id())).best();
                store.finishExperiment(e.id(), ExperimentStatus.INTERRUPTED, "interrupted: the process running it stopped "
                        + "before it finished (found when quarry serve started at " + now + "); quarry resume " + e.id()
                        + " continues it", now, best.map(b -> b.trial().number()).orElse(null),
                        best.map(b -> b.trial().score()).orElse(Double.NaN));
            }
            marked.add(e);
        }
        return marked;
    }
}
