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
import smile.math.kernel.GaussianKernel;
import smile.regression.GaussianProcessRegression;

/**
 * Smile's Gaussian process regression (Rasmussen and Williams 2006) with a Gaussian kernel of width
 * {@code sigma} and observation noise variance {@code noise}, the target standardised by Smile.
 * Exact inference factorises an n-by-n kernel matrix (O(n^3) time, O(n^2) memory), so it is offered
 * only for small data: up to {@link #MAX_ROWS} training rows. Deterministic; needs scaled features and
 * a native OpenBLAS.
 *
 * <p>The fitted model keeps only what the predictive mean needs: the training rows, their weights,
 * the target's mean and scale. Smile also keeps the Cholesky factor of the kernel matrix, which serves
 * predictive variances only; Quarry never asks for them, and the factor is n-by-n doubles (60 MB at
 * 2,800 rows), which made every GP fold model, and every ensemble holding GP members, that much
 * bigger to keep, write and load.
 */
public final class SmileGaussianProcess extends CatalogLearner {

    /** The most training rows the learner is offered for. */
    public static final int MAX_ROWS = 3_000;

    /** The catalog entry, found through ServiceLoader. */
    public SmileGaussianProcess() {
        super("smile.gaussian_process", Set.of(Task.REGRESSION),
                Set.of(Capability.NEEDS_SCALING, Capability.PREDICTS_FROM_TRAINING_ROWS), 1.0);
    }

    @Override
    public Optional<String> unavailableReason() {
        return NativeBlas.unavailableReason();
    }

    @Override
    public int maxRows() {
        return MAX_ROWS;
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(
                new Hyperparameter("sigma", new FloatDomain(0.1, 30, true), 3.0),
                new Hyperparameter("noise", new FloatDomain(1e-4, 1, true), 0.01)));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        var gp = GaussianProcessRegression.fit(data.features().rows(), data.target().values(),
                new GaussianKernel(p.getDouble("sigma")), new GaussianProcessRegression.Options(p.getDouble("noise"), true));
        return new SmileVectorRegressionModel(withoutFactor(gp), 0, 1);
    }

    /**
     * @param gp a fitted process
     * @return the same process without its Cholesky factor: {@code predict(x)} gives the same values
     *     (mean + sd * sum of w_i k(x, x_i)), predictive variances are no longer available
     */
    static <T> GaussianProcessRegression<T> withoutFactor(GaussianProcessRegression<T> gp) {
        return new GaussianProcessRegression<>(gp.kernel, gp.regressors, gp.w, gp.noise, gp.mean, gp.sd);
    }
}
