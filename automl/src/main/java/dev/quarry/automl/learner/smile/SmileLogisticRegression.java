package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.CatalogLearner;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Set;
import smile.classification.LogisticRegression;

/**
 * Smile's L2-regularised logistic regression (binomial or multinomial), fitted by L-BFGS.
 * Deterministic. Works best on scaled features, which it declares.
 */
public final class SmileLogisticRegression extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public SmileLogisticRegression() {
        super("smile.logistic_regression", Set.of(Task.BINARY, Task.MULTICLASS),
                Set.of(Capability.PROBABILITIES, Capability.NEEDS_SCALING), 0.2);
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(new Hyperparameter("lambda", new FloatDomain(1e-5, 100, true), 0.1)));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        var options = new LogisticRegression.Options(p.getDouble("lambda"), 1e-5, 500);
        return new Model(LogisticRegression.fit(data.features().rows(), data.target().labels(), options),
                data.target().classCount());
    }

    /**
     * @param model the fitted Smile model
     * @param classes the Target's number of classes, which may exceed the classes the model saw
     */
    record Model(LogisticRegression model, int classes) implements FittedModel {
        @Override
        public Predictions predict(double[][] features) {
            int[] seen = model.classes();
            double[][] out = new double[features.length][];
            for (int i = 0; i < features.length; i++) {
                double[] posterior = new double[seen.length];
                model.predict(features[i], posterior);
                out[i] = ClassColumns.spread(posterior, seen, classes);
            }
            return Predictions.ofProbabilities(out);
        }
    }
}
