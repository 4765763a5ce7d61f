package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.CatalogLearner;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import smile.regression.LASSO;

/**
 * Smile's lasso (Tibshirani 1996): least squares with an L1 penalty {@code lambda}, which sets
 * coefficients to exactly zero. Deterministic; needs scaled features and a native OpenBLAS.
 */
public final class SmileLasso extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public SmileLasso() {
        super("smile.lasso", Set.of(Task.REGRESSION), Set.of(Capability.NEEDS_SCALING), 0.1);
    }

    @Override
    public Optional<String> unavailableReason() {
        return NativeBlas.unavailableReason();
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(new Hyperparameter("lambda", new FloatDomain(1e-4, 10, true), 0.1)));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        return new SmileRegressionModel(LASSO.fit(SmileFrames.FORMULA,
                SmileFrames.regression(data.features().rows(), data.target().values()),
                new LASSO.Options(p.getDouble("lambda"))));
    }
}
