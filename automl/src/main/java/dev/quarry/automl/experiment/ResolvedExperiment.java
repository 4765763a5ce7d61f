package dev.quarry.automl.experiment;

import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.learner.Learner;
import dev.quarry.featurize.guardrails.GuardrailReport;
import dev.quarry.featurize.profile.TableProfile;
import dev.quarry.featurize.table.Task;
import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.search.space.SearchSpace;
import java.time.Duration;
import java.util.List;

/**
 * An experiment with every "auto" and default decided, recorded with the run so it can be
 * reproduced. Produced by {@link ExperimentResolver}; consumed by {@link ExperimentLoop}.
 *
 * @param id the experiment id (also its folder name)
 * @param config the config as given, with defaults filled in
 * @param task the task, given or inferred
 * @param metric the primary metric
 * @param learners the learners searched, in space order
 * @param space the conditional search space over them
 * @param folds the validation splits
 * @param validation how validation was chosen, for people
 * @param foldRowShare the share of training rows one fold trains on
 * @param maxDuration the wall-clock budget, or null
 * @param trialTimeout the per-trial limit
 * @param parallelism how many trials run at once
 * @param profile each feature column's type, detected on the training rows or forced by config
 * @param featurizerSpec how each fold's featurizer is fitted (scaling switched on per learner)
 * @param guardrails the data checks, run on the training data before any trial
 */
public record ResolvedExperiment(String id, ExperimentConfig config, Task task, Metric metric, List<Learner> learners,
        SearchSpace space, List<Fold> folds, String validation, double foldRowShare, Duration maxDuration,
        Duration trialTimeout, int parallelism, TableProfile profile, FeaturizerSpec featurizerSpec,
        GuardrailReport guardrails) {

    /** Copies lists. */
    public ResolvedExperiment {
        learners = List.copyOf(learners);
        folds = List.copyOf(folds);
    }

    /** @return the experiment's name from the config */
    public String name() {
        return config.name();
    }

    /** @return the experiment seed */
    public long seed() {
        return config.seed();
    }
}
