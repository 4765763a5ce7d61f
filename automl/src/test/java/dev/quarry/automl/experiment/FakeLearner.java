package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.CategoricalDomain;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.IntDomain;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Set;

/**
 * A regression learner whose score is a known function of its params: it predicts the constant
 * {@code x} everywhere, so on a target that is 0.3 everywhere its RMSE is exactly |x - 0.3|.
 * {@code fail: true} throws; {@code slowRefitMs} sleeps when fitted on more rows than {@code refitRows - 1}
 * (the final refit on all rows), to test the budget's fallback.
 */
class FakeLearner implements Learner {

    private final String name;
    private final int refitRows;
    private final boolean slowRefits;
    private final FloatDomain x;
    private final double xDefault;

    FakeLearner(String name, int refitRows, boolean slowRefits) {
        this(name, refitRows, slowRefits, new FloatDomain(0, 1, false), 0.9);
    }

    FakeLearner(String name, int refitRows, boolean slowRefits, FloatDomain x, double xDefault) {
        this.name = name;
        this.refitRows = refitRows;
        this.slowRefits = slowRefits;
        this.x = x;
        this.xDefault = xDefault;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.REGRESSION);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name, List.of(
                new Hyperparameter("x", x, xDefault),
                new Hyperparameter("fail", CategoricalDomain.of("false", "true"), "false"),
                new Hyperparameter("slowRefitMs", new IntDomain(slowRefits ? 20_000 : 0, slowRefits ? 20_000 : 0, false),
                        slowRefits ? 20_000 : 0)));
    }

    @Override
    public double costHint() {
        return 0.01;
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) throws Exception {
        if (p.getBoolean("fail")) {
            throw new IllegalStateException("fake failure for x=" + p.getDouble("x"));
        }
        if (data.target().size() >= refitRows && p.getInt("slowRefitMs") > 0) {
            Thread.sleep(p.getInt("slowRefitMs"));
        }
        return new Constant(p.getDouble("x"));
    }

    /** @param value what it predicts for every row */
    record Constant(double value) implements FittedModel {
        @Override
        public Predictions predict(double[][] features) {
            double[] out = new double[features.length];
            java.util.Arrays.fill(out, value);
            return Predictions.ofValues(out);
        }
    }
}
