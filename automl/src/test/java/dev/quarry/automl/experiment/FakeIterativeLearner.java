package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.IntDomain;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An iterative regression learner whose score is a known function of its params and its
 * iterations: it predicts {@code x + 1 / trees} everywhere, so on a target that is 0.3 everywhere
 * its RMSE is exactly {@code |x + 1/trees − 0.3|}, and fewer trees (a lower rung) score worse.
 */
final class FakeIterativeLearner implements Learner {

    /**
     * @param params complete params
     * @param trees the trees actually fitted
     * @return the RMSE it gets
     */
    static double rmse(Params params, int trees) {
        return Math.abs(params.getDouble("x") + 1.0 / trees - 0.3);
    }

    @Override
    public String name() {
        return "fake.iterative";
    }

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.REGRESSION);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.ITERATIVE);
    }

    @Override
    public Optional<String> iterationsParameter() {
        return Optional.of("trees");
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(
                new Hyperparameter("x", new FloatDomain(0, 1, false), 0.9),
                new Hyperparameter("trees", new IntDomain(9, 90, false), 45)));
    }

    @Override
    public double costHint() {
        return 0.01;
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        return new FakeLearner.Constant(p.getDouble("x") + 1.0 / p.getInt("trees"));
    }
}
