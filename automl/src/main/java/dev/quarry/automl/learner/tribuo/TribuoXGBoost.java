package dev.quarry.automl.learner.tribuo;

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
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * XGBoost (Chen and Guestrin 2016) through Tribuo, one native thread per trial (Quarry runs trials
 * in parallel instead). Defaults are XGBoost's, with 100 trees.
 */
public final class TribuoXGBoost extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public TribuoXGBoost() {
        super("tribuo.xgboost", Set.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
                Set.of(Capability.PROBABILITIES, Capability.ITERATIVE), 0.8);
    }

    @Override
    public java.util.Optional<String> iterationsParameter() {
        return java.util.Optional.of("trees");
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(
                new Hyperparameter("trees", new IntDomain(20, 600, true), 100),
                new Hyperparameter("eta", new FloatDomain(0.01, 0.5, true), 0.3),
                new Hyperparameter("maxDepth", new IntDomain(2, 12, false), 6),
                new Hyperparameter("minChildWeight", new FloatDomain(0.5, 20, true), 1.0),
                new Hyperparameter("subsample", new FloatDomain(0.5, 1.0, false), 1.0),
                new Hyperparameter("colsample", new FloatDomain(0.3, 1.0, false), 1.0),
                new Hyperparameter("lambda", new FloatDomain(0.001, 10, true), 1.0),
                new Hyperparameter("alpha", new FloatDomain(0, 5, false), 0.0)))
                // A smaller step with row and column sampling, and shallow trees with a medium step.
                .withPortfolio(List.of(
                        Map.of("trees", 300, "eta", 0.05, "subsample", 0.8, "colsample", 0.8),
                        Map.of("trees", 150, "eta", 0.1, "maxDepth", 3)));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        int trees = p.getInt("trees");
        double eta = p.getDouble("eta");
        int depth = p.getInt("maxDepth");
        double minChild = p.getDouble("minChildWeight");
        double subsample = p.getDouble("subsample");
        double colsample = p.getDouble("colsample");
        double lambda = p.getDouble("lambda");
        double alpha = p.getDouble("alpha");
        if (data.target().task() == Task.REGRESSION) {
            var trainer = new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.LINEAR, trees, eta, 0.0, depth,
                    minChild, subsample, colsample, lambda, alpha, 1, true, seed);
            return new TribuoRegressionModel(trainer.train(TribuoData.regression(data.features(), data.target().values())));
        }
        var trainer = new XGBoostClassificationTrainer(trees, eta, 0.0, depth, minChild, subsample, colsample, lambda, alpha,
                1, true, seed);
        return new TribuoClassifierModel(trainer.train(TribuoData.classification(data.features(), data.target().labels())),
                data.target().classCount());
    }
}
