package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.CatalogLearner;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.IntDomain;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Map;
import java.util.Set;
import smile.classification.GradientTreeBoost;
import smile.math.MathEx;
import smile.model.cart.Loss;

/**
 * Smile's gradient tree boosting (Friedman 2001) for classification and regression (least squares).
 * Its row subsampling draws from Smile's per-thread generator, which is seeded from the trial seed
 * right before fitting on the fitting thread. Defaults follow Smile except {@code trees} (200
 * rather than 500); with Smile's default of 6 leaves per tree, {@code maxNodes} rather than
 * {@code maxDepth} usually bounds a tree, until the search lowers the depth below 5. A fit whose
 * thread is interrupted stops after the tree being grown ({@link StopOnInterrupt}).
 */
public final class SmileGradientBoosting extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public SmileGradientBoosting() {
        super("smile.gradient_boosting", Set.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
                Set.of(Capability.PROBABILITIES, Capability.ITERATIVE), 1.5);
    }

    @Override
    public java.util.Optional<String> iterationsParameter() {
        return java.util.Optional.of("trees");
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(
                new Hyperparameter("trees", new IntDomain(50, 800, true), 200),
                new Hyperparameter("shrinkage", new FloatDomain(0.01, 0.3, true), 0.05),
                new Hyperparameter("maxDepth", new IntDomain(2, 20, false), 20),
                new Hyperparameter("maxNodes", new IntDomain(4, 64, true), 6),
                new Hyperparameter("nodeSize", new IntDomain(1, 30, true), 5),
                new Hyperparameter("subsample", new FloatDomain(0.5, 1.0, false), 0.7)))
                // Slow and wide, then fast and shallow: two settings that are strong on most tables.
                .withPortfolio(List.of(
                        Map.of("trees", 400, "shrinkage", 0.03, "maxDepth", 8, "maxNodes", 16),
                        Map.of("trees", 150, "shrinkage", 0.1, "maxDepth", 4, "maxNodes", 8)));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        double[][] x = data.features().rows();
        MathEx.setSeed(seed);
        int maxDepth = p.getInt("maxDepth");
        if (data.target().task() == Task.REGRESSION) {
            var options = new smile.regression.GradientTreeBoost.Options(Loss.ls(), p.getInt("trees"), maxDepth,
                    p.getInt("maxNodes"), p.getInt("nodeSize"), p.getDouble("shrinkage"), p.getDouble("subsample"), null, new StopOnInterrupt<>("gradient boosting"));
            return new SmileRegressionModel(smile.regression.GradientTreeBoost.fit(SmileFrames.FORMULA,
                    SmileFrames.regression(x, data.target().values()), options));
        }
        var options = new GradientTreeBoost.Options(p.getInt("trees"), maxDepth, p.getInt("maxNodes"),
                p.getInt("nodeSize"), p.getDouble("shrinkage"), p.getDouble("subsample"), null, new StopOnInterrupt<>("gradient boosting"));
        return new SmileClassifierModel(GradientTreeBoost.fit(SmileFrames.FORMULA,
                SmileFrames.classification(x, data.target().labels()), options), data.target().classCount());
    }
}
