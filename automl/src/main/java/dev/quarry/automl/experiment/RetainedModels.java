package dev.quarry.automl.experiment;

import dev.quarry.automl.pipeline.PipelineMember;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the fold models of the best trial so far, so that if the final refit cannot finish inside
 * the time budget the experiment still ships a model: the average of the best configuration's fold
 * models. Holds the models of trials in flight until the loop decides about them, then only the
 * leader's. Thread-safe: evaluators offer from trial threads, the loop decides on its own thread.
 */
final class RetainedModels {

    private final Map<Integer, List<PipelineMember>> pending = new ConcurrentHashMap<>();
    private final Set<Integer> decided = ConcurrentHashMap.newKeySet();
    private volatile int leader = -1;
    private volatile List<PipelineMember> leaderModels = List.of();

    /** Called by an evaluator when a trial's folds are all fitted. Ignored if the loop already decided. */
    void offer(int trial, List<PipelineMember> foldModels) {
        if (!decided.contains(trial)) {
            pending.put(trial, foldModels);
        }
    }

    /**
     * Called by the loop once per finished trial.
     *
     * @param trial the trial
     * @param newLeader whether it is the new best
     */
    synchronized void decide(int trial, boolean newLeader) {
        decided.add(trial);
        List<PipelineMember> models = pending.remove(trial);
        if (newLeader && models != null) {
            leader = trial;
            leaderModels = models;
        }
    }

    /**
     * @param trial a trial number
     * @return its fold models, if it is the retained leader
     */
    synchronized Optional<List<PipelineMember>> foldModels(int trial) {
        return leader == trial ? Optional.of(leaderModels) : Optional.empty();
    }
}
