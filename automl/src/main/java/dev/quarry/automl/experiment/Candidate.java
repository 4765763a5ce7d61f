package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.PipelineMember;
import java.util.List;

/**
 * A completed trial kept for the end of the experiment: its fold models (the refit fallback and the
 * ensemble's members) and its predictions on each fold's validation rows (the ensemble's evidence).
 *
 * @param trial the trial number
 * @param score its primary metric (mean over folds)
 * @param foldModels one fitted featurizer and model per fold
 * @param foldPredictions its predictions on each fold's validation rows, in fold order
 */
record Candidate(int trial, double score, List<PipelineMember> foldModels, List<Predictions> foldPredictions) {

    Candidate {
        foldModels = List.copyOf(foldModels);
        foldPredictions = List.copyOf(foldPredictions);
    }
}
