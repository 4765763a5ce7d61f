package dev.quarry.automl.learner.tribuo;

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
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.regression.liblinear.LibLinearRegressionTrainer;
import org.tribuo.regression.liblinear.LinearRegressionType;

/**
 * LIBLINEAR (Fan et al. 2008) through Tribuo: L2-regularised logistic regression for classes,
 * L2-loss support vector regression for numbers. {@code cost} is LIBLINEAR's C (default 1).
 */
public final class TribuoLibLinear extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public TribuoLibLinear() {
        super("tribuo.liblinear", Set.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
                Set.of(Capability.PROBABILITIES, Capability.NEEDS_SCALING), 0.1);
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(new Hyperparameter("cost", new FloatDomain(1e-3, 100, true), 1.0)));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        double cost = p.getDouble("cost");
        if (data.target().task() == Task.REGRESSION) {
            var type = new LinearRegressionType(LinearRegressionType.LinearType.L2R_L2LOSS_SVR);
            var trainer = new LibLinearRegressionTrainer(type, cost, 1000, 0.01, 0.1, seed);
            return new TribuoRegressionModel(trainer.train(TribuoData.regression(data.features(), data.target().values())));
        }
        var type = new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR);
        var trainer = new LibLinearClassificationTrainer(type, cost, 1000, 0.01, seed);
        return new TribuoClassifierModel(trainer.train(TribuoData.classification(data.features(), data.target().labels())),
                data.target().classCount());
    }
}
