package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.PipelineMember;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the best completed trials' fold models and validation predictions, bounded to
 * {@code capacity} trials: the leader's fold models are the fallback when the final refit cannot
 * finish in time, and all of them are the ensemble's candidates. Holds a trial's models from the
 * moment its evaluation ends until the loop decides about it. Thread-safe: evaluators offer from
 * trial threads, the loop decides on its own thread.
 *
 * <p>Trials evaluated in worker JVMs offer nothing here; their folds are in {@link FoldFiles}, read
 * only when the trial is kept, so the coordinator's memory holds at most {@code capacity} trials'
 * models whatever the number of trials.
 */
final class RetainedModels implements FoldSink {

    private record Pending(List<PipelineMember> foldModels, List<Predictions> foldPredictions) {
    }

    private final Direction direction;
    private final int capacity;
    private final int families;
    /** The best kept trial of each learner family, for the best-of-family ensemble; at most {@code families}. */
    private final Map<String, Candidate> familyBest = new java.util.HashMap<>();
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Set<Integer> decided = ConcurrentHashMap.newKeySet();
    private final List<Candidate> kept = new ArrayList<>();
    private FoldFiles files;

    /**
     * @param direction the primary metric's direction
     * @param capacity how many trials to keep, at least 1
     */
    RetainedModels(Direction direction, int capacity) {
        this(direction, capacity, 0);
    }

    /**
     * @param direction the primary metric's direction
     * @param capacity how many of the best trials to keep, at least 1
     * @param families how many learner families to keep the best trial of besides (those whose best
     *     scores best), at least 0; a family's best is often not among the overall best
     */
    RetainedModels(Direction direction, int capacity, int families) {
        if (capacity < 1 || families < 0) {
            throw new IllegalArgumentException("`capacity >= 1` and `families >= 0` must hold, got " + capacity + " and "
                    + families);
        }
        this.direction = direction;
        this.capacity = capacity;
        this.families = families;
    }

    /**
     * Reads the folds of trials that were not offered (they ran in worker JVMs) from their files.
     *
     * @param files where workers write them
     * @return this
     */
    synchronized RetainedModels readingFrom(FoldFiles files) {
        this.files = files;
        return this;
    }

    /** Called by an evaluator when a trial's folds are all fitted. Ignored if the loop already decided. */
    @Override
    public void offer(int trial, List<PipelineMember> foldModels, List<Predictions> foldPredictions) {
        if (!decided.contains(trial)) {
            pending.put(trial, new Pending(foldModels, foldPredictions));
        }
    }

    /**
     * Drops a trial's offered models without deciding: it only finished a rung and runs again later
     * (its next run offers anew), so its low-resource models need not wait in memory.
     *
     * @param trial the trial number
     */
    void discard(int trial) {
        pending.remove(trial);
    }

    /**
     * Called by the loop once per finished trial: keeps it if it completed and ranks among the best.
     *
     * @param result the finished trial
     */
    synchronized void decide(TrialResult result) {
        decided.add(result.number());
        Pending p = pending.remove(result.number());
        boolean completed = result.state() == TrialState.COMPLETED && !Double.isNaN(result.score());
        String family = result.params().learner();
        boolean top = completed && ranks(result.score());
        boolean familyTop = completed && ranksInFamily(family, result.score());
        if (p == null && files != null) {
            if (top || familyTop) {
                p = files.read(result.number()).map(f -> new Pending(f.foldModels(), f.foldPredictions())).orElse(null);
            }
            files.delete(result.number());
        }
        if (p == null || !completed) {
            return;
        }
        var candidate = new Candidate(result.number(), result.score(), p.foldModels(), p.foldPredictions());
        if (top) {
            kept.add(candidate);
            kept.sort(BEST_FIRST.apply(direction));
            while (kept.size() > capacity) {
                kept.removeLast();
            }
        }
        if (familyTop) {
            familyBest.put(family, candidate);
            while (familyBest.size() > families) {
                familyBest.values().stream().max(BEST_FIRST.apply(direction))
                        .ifPresent(worst -> familyBest.values().remove(worst));
            }
        }
    }

    private static final java.util.function.Function<Direction, Comparator<Candidate>> BEST_FIRST = d ->
            Comparator.comparingDouble((Candidate c) -> d.toLoss(c.score())).thenComparingInt(Candidate::trial);

    /** Whether a score would be kept as its family's best. Holds the lock. */
    private boolean ranksInFamily(String family, double score) {
        if (families == 0) {
            return false;
        }
        Candidate current = familyBest.get(family);
        if (current != null) {
            return direction.toLoss(score) < direction.toLoss(current.score());
        }
        return familyBest.size() < families || familyBest.values().stream()
                .anyMatch(c -> direction.toLoss(score) < direction.toLoss(c.score()));
    }

    /** @return the best kept trial of each of the best-scoring learner families, best first */
    synchronized List<Candidate> familyBests() {
        return familyBest.values().stream().sorted(BEST_FIRST.apply(direction)).toList();
    }

    /** Whether a score would be kept: fewer than capacity kept, or better than the worst kept. Holds the lock. */
    private boolean ranks(double score) {
        return kept.size() < capacity || direction.toLoss(score) < direction.toLoss(kept.getLast().score());
    }

    /**
     * @param trial a trial number
     * @return its fold models, if it is kept
     */
    synchronized Optional<List<PipelineMember>> foldModels(int trial) {
        return java.util.stream.Stream.concat(kept.stream(), familyBest.values().stream()).filter(c -> c.trial() == trial)
                .findFirst().map(Candidate::foldModels);
    }

    /** @return every kept trial, the best ones and the family bests, best first, each once */
    synchronized List<Candidate> all() {
        return java.util.stream.Stream.concat(kept.stream(), familyBest.values().stream()).distinct()
                .sorted(BEST_FIRST.apply(direction)).toList();
    }

    /** @return the kept trials, best first */
    synchronized List<Candidate> candidates() {
        return List.copyOf(kept);
    }
}
