package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.automl.pipeline.PipelineMember;
import dev.quarry.featurize.transform.Featurizer;
import dev.quarry.search.space.Params;

/**
 * One configuration fitted on all training rows the way the experiment fits its folds: the
 * experiment's column types and featurization (with the params' searched featurization choices and
 * scaling for learners that need it), balancing class weights for learners that take them. Used by
 * the final refit and by registering a child run the experiment did not save, so both predict like
 * the trial that was scored.
 */
public final class Refit {

    private Refit() {
    }

    /**
     * @param experiment the resolved experiment (its featurizer spec)
     * @param data its data, as {@link Experiments#prepare} read it
     * @param learner the configuration's learner
     * @param params its params
     * @param seed the fit's seed
     * @return the fitted featurizer and model, weight 1
     * @throws Exception when the learner fails
     */
    public static PipelineMember onAllRows(ResolvedExperiment experiment, ExperimentData data, Learner learner, Params params,
            long seed) throws Exception {
        return onRows(experiment, data.train().features(), data.train().target(), learner, params, seed);
    }

    /**
     * @param experiment the resolved experiment (its featurizer spec)
     * @param features the rows' raw feature columns
     * @param target their target
     * @param learner the configuration's learner
     * @param params its params
     * @param seed the fit's seed
     * @return the featurizer and model fitted on those rows, weight 1
     * @throws Exception when the learner fails
     */
    static PipelineMember onRows(ResolvedExperiment experiment, dev.quarry.featurize.table.Table features,
            dev.quarry.featurize.table.Target target, Learner learner, Params params, long seed) throws Exception {
        boolean scale = learner.capabilities().contains(Capability.NEEDS_SCALING);
        var featurized = Featurizer.fitTransform(features, target,
                FeaturizeChoices.apply(experiment.featurizerSpec().withScale(scale), params));
        var model = learner.fit(new TrainingData(featurized.train(), target,
                CrossValidationEvaluator.classWeights(learner, target)), params, seed);
        return new PipelineMember(featurized.featurizer(), model, 1.0);
    }
}
