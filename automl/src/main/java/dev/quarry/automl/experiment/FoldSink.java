package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.PipelineMember;
import java.util.List;

/**
 * Where an evaluator hands a trial's fold models and its predictions on each fold's validation rows
 * once all folds are fitted: kept in memory when the trial ran in the coordinator
 * ({@link RetainedModels}), written to the child run's folder when it ran in a worker JVM
 * ({@link FoldFiles}). Called from trial threads; implementations are thread-safe.
 */
interface FoldSink {

    /**
     * @param trial the trial number
     * @param foldModels one fitted featurizer and model per fold
     * @param foldPredictions its predictions on each fold's validation rows, in fold order
     */
    void offer(int trial, List<PipelineMember> foldModels, List<Predictions> foldPredictions);
}
