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
import java.util.Set;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * A linear model fitted by stochastic gradient descent with AdaGrad (Duchi et al. 2011) through
 * Tribuo: multinomial logistic loss for classes, squared loss for numbers.
 */
public final class TribuoLinearSgd extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public TribuoLinearSgd() {
        super("tribuo.sgd_linear", Set.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
                Set.of(Capability.PROBABILITIES, Capability.NEEDS_SCALING, Capability.ITERATIVE), 0.2);
    }

    @Override
    public java.util.Optional<String> iterationsParameter() {
        return java.util.Optional.of("epochs");
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(
                new Hyperparameter("epochs", new IntDomain(2, 50, true), 5),
                new Hyperparameter("learningRate", new FloatDomain(1e-3, 1.0, true), 1.0),
                new Hyperparameter("minibatch", new IntDomain(1, 64, true), 1)));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        var optimiser = new AdaGrad(p.getDouble("learningRate"), 0.1);
        int epochs = p.getInt("epochs");
        int minibatch = p.getInt("minibatch");
        if (data.target().task() == Task.REGRESSION) {
            var trainer = new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(), optimiser, epochs, -1,
                    minibatch, seed);
            return new TribuoRegressionModel(trainer.train(TribuoData.regression(data.features(), data.target().values())));
        }
        var trainer = new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(), optimiser, epochs, -1,
                minibatch, seed);
        return new TribuoClassifierModel(trainer.train(TribuoData.classification(data.features(), data.target().labels())),
                data.target().classCount());
    }
}
