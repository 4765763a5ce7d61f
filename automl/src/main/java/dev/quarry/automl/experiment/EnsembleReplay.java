package dev.quarry.automl.experiment;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays the ensemble step's greedy selection on recorded out-of-fold predictions, without models,
 * exactly as an experiment makes it ({@link EnsembleSelection}): for benchmarks that compare ways of
 * combining one run's trials on rows the run never saw ({@link EnsembleEvidence}).
 */
public final class EnsembleReplay {

    private EnsembleReplay() {
    }

    /**
     * A recorded trial.
     *
     * @param trial its child-run number
     * @param score its primary metric, mean over folds
     * @param foldPredictions its predictions on each fold's validation rows, in fold order
     */
    public record Trial(int trial, double score, List<Predictions> foldPredictions) {

        /** Copies. */
        public Trial {
            foldPredictions = List.copyOf(foldPredictions);
        }
    }

    /**
     * Greedy ensemble selection with replacement (Caruana et al. 2004) over the trials, on all folds.
     *
     * @param trials the pool, best first
     * @param foldTargets each fold's validation target
     * @param foldRows each fold's validation rows in the training data, or null (repeated k-fold
     *     needs them)
     * @param metric the primary metric
     * @param rounds how many picks at most
     * @return picks per trial, in the order given
     */
    public static int[] greedy(List<Trial> trials, List<Target> foldTargets, List<int[]> foldRows, Metric metric,
            int rounds) {
        List<Candidate> candidates = candidates(trials);
        var ensemble = EnsembleSelection.select(candidates, folds(foldTargets, foldRows), metric, rounds).orElseThrow();
        int[] counts = new int[trials.size()];
        for (int c = 0; c < counts.length; c++) {
            counts[c] = ensemble.counts().getOrDefault(trials.get(c).trial(), 0);
        }
        return counts;
    }

    /**
     * The nested estimate of {@link #greedy} (selection repeated without each fold and scored on it),
     * as the ensemble child run records it; with one round, the estimate of shipping the best single
     * trial.
     *
     * @param trials the pool, best first
     * @param foldTargets each fold's validation target
     * @param foldRows each fold's validation rows in the training data, or null
     * @param metric the primary metric
     * @param rounds how many picks at most
     * @param seed cuts a single fold into parts
     * @return the estimate, NaN when some fold has no rows left to select on
     */
    public static double nested(List<Trial> trials, List<Target> foldTargets, List<int[]> foldRows, Metric metric,
            int rounds, long seed) {
        return EnsembleSelection.nested(candidates(trials), folds(foldTargets, foldRows), metric, rounds, seed)
                .map(EnsembleSelection.Estimate::score).orElse(Double.NaN);
    }

    /**
     * Stacking as Quarry fits it ({@link Stacking}), over the trials' out-of-fold predictions, with
     * the shipped meta-learner fitted on all folds.
     *
     * @param trials the pool, best first; at least two
     * @param foldTargets each fold's validation target
     * @param foldRows each fold's validation rows in the training data, or null
     * @param metric the primary metric
     * @param seed cuts a single fold into parts
     * @param oneStandardError whether the penalty is the strongest within one standard error of the
     *     best (otherwise the best, as Quarry's default)
     * @return the meta-learner over the trials in the order given, one member each; empty when
     *     stacking does not apply (fewer than two trials or three units)
     */
    public static java.util.Optional<dev.quarry.automl.pipeline.Stacker> stack(List<Trial> trials, List<Target> foldTargets,
            List<int[]> foldRows, Metric metric, long seed, boolean oneStandardError) {
        return Stacking.fit(candidates(trials), folds(foldTargets, foldRows), metric, seed, java.time.InstantSource.system(),
                null, oneStandardError ? Stacking.PenaltyRule.ONE_STANDARD_ERROR : Stacking.PenaltyRule.BEST)
                .map(Stacking.Result::stacker);
    }

    private static List<Candidate> candidates(List<Trial> trials) {
        return trials.stream().map(t -> new Candidate(t.trial(), t.score(), List.of(), t.foldPredictions())).toList();
    }

    private static List<Fold> folds(List<Target> targets, List<int[]> rows) {
        var folds = new ArrayList<Fold>();
        for (int f = 0; f < targets.size(); f++) {
            folds.add(new Fold(null, null, null, targets.get(f), rows == null ? null : rows.get(f)));
        }
        return folds;
    }
}
