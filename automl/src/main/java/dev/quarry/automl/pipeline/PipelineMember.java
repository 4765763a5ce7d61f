package dev.quarry.automl.pipeline;

import dev.quarry.automl.learner.FittedModel;
import dev.quarry.featurize.transform.FittedFeaturizer;

/**
 * One fitted featurizer and the model fitted on its output, with its weight in the pipeline.
 *
 * @param featurizer fitted on the same rows as the model
 * @param model the fitted model
 * @param weight a positive weight; members' predictions are averaged with these weights
 */
public record PipelineMember(FittedFeaturizer featurizer, FittedModel model, double weight) {

    /** Validates the weight. */
    public PipelineMember {
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("a member weight must be positive and finite, got " + weight);
        }
    }
}
