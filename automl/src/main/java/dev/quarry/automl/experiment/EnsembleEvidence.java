package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineMember;
import java.util.List;

/**
 * What the ensemble step of an experiment chose from and what it built, handed to
 * {@link ExperimentListener#ensembleEvidence} so that a benchmark can score every kept trial and
 * every ensemble on rows the experiment never saw, and replay other ways of combining them on the
 * same out-of-fold predictions. It holds fitted models: a listener that keeps it keeps them in memory.
 *
 * @param folds the experiment's validation folds (their validation rows and targets are the
 *     out-of-fold evidence)
 * @param trials the kept trials (the best ones and the best of each learner family), best first,
 *     including those the ensembles left out ({@link KeptTrial#admitted})
 * @param ensembles the ensembles built (greedy, best of family, stacked), as scored: every member as
 *     its fold models
 */
public record EnsembleEvidence(List<Fold> folds, List<KeptTrial> trials, List<BuiltEnsemble> ensembles) {

    /** Copies. */
    public EnsembleEvidence {
        folds = List.copyOf(folds);
        trials = List.copyOf(trials);
        ensembles = List.copyOf(ensembles);
    }

    /**
     * A kept trial.
     *
     * @param trial its child-run number
     * @param learner its learner
     * @param score its primary metric, mean over folds
     * @param foldModels one fitted featurizer and model per fold, each weighted 1/folds
     * @param foldPredictions its predictions on each fold's validation rows, in fold order
     * @param predictMillis its median predict latency per row, milliseconds, for one fold model
     *     ({@link dev.quarry.runner.history.CostMetrics#PREDICT_P50_MS}), NaN if not measured
     * @param admitted whether the ensembles could use it: false for a trial the pool rule left out
     *     (a model that predicts from its training rows, on too many rows times features), which a
     *     replay of the ensemble step must leave out too
     */
    public record KeptTrial(int trial, String learner, double score, List<PipelineMember> foldModels,
            List<Predictions> foldPredictions, double predictMillis, boolean admitted) {

        /** Copies. */
        public KeptTrial {
            foldModels = List.copyOf(foldModels);
            foldPredictions = List.copyOf(foldPredictions);
        }
    }

    /**
     * An ensemble child run.
     *
     * @param trial its child-run number
     * @param kind its learner name on the leaderboard ({@link ExperimentLoop#ENSEMBLE},
     *     {@link ExperimentLoop#BEST_OF_FAMILY} or {@link ExperimentLoop#STACKING})
     * @param score its recorded primary metric (the nested estimate)
     * @param pipeline its pipeline, every member as its fold models
     */
    public record BuiltEnsemble(int trial, String kind, double score, Pipeline pipeline) {
    }
}
