package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.CatalogLearner;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Set;
import smile.regression.ElasticNet;

/**
 * Smile's elastic net (Zou and Hastie 2005): least squares with L1 ({@code lambda1}) and L2
 * ({@code lambda2}) penalties; lasso and ridge are its corners. Deterministic; needs scaled features
 * and a native OpenBLAS ({@link NativeBlas}).
 */
public final class SmileElasticNet extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public SmileElasticNet() {
        super("smile.elastic_net", Set.of(Task.REGRESSION),
                Set.of(Capability.NEEDS_SCALING), 0.2);
    }

    @Override
    public java.util.Optional<String> unavailableReason() {
        return NativeBlas.unavailableReason();
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(
                new Hyperparameter("lambda1", new FloatDomain(1e-4, 10, true), 0.1),
                new Hyperparameter("lambda2", new FloatDomain(1e-4, 10, true), 0.1)));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        return new SmileRegressionModel(ElasticNet.fit(SmileFrames.FORMULA,
                SmileFrames.regression(data.features().rows(), data.target().values()), p.getDouble("lambda1"),
                p.getDouble("lambda2")));
    }
}
