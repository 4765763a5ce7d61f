package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.CatalogLearner;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.IntDomain;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import smile.math.MathEx;
import smile.model.mlp.Layer;
import smile.model.mlp.LayerBuilder;
import smile.model.mlp.OutputFunction;
import smile.util.function.TimeFunction;

/**
 * Smile's multilayer perceptron: {@code hiddenLayers} ReLU layers of {@code hiddenUnits} units,
 * a sigmoid (two classes) or softmax output trained by cross-entropy, or a linear output trained by
 * squared error on the standardised target; mini-batch SGD (batches of {@link #BATCH} rows, shuffled
 * each epoch) with a constant {@code learningRate} and L2 {@code weightDecay} for {@code epochs}
 * passes. Smile draws the initial weights from its per-thread generator, which is seeded here, and
 * the shuffles come from the seed, so a fit is deterministic. Needs scaled features.
 */
public final class SmileMlp extends CatalogLearner {

    /** Rows per SGD step. */
    static final int BATCH = 32;

    /** The catalog entry, found through ServiceLoader. */
    public SmileMlp() {
        super("smile.mlp", Set.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
                Set.of(Capability.PROBABILITIES, Capability.NEEDS_SCALING, Capability.ITERATIVE), 0.25);
    }

    @Override
    public Optional<String> unavailableReason() {
        return NativeBlas.unavailableReason();
    }

    @Override
    public java.util.Optional<String> iterationsParameter() {
        return java.util.Optional.of("epochs");
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(
                new Hyperparameter("hiddenLayers", new IntDomain(1, 3, false), 1),
                new Hyperparameter("hiddenUnits", new IntDomain(8, 256, true), 64),
                new Hyperparameter("learningRate", new FloatDomain(1e-4, 0.3, true), 0.01),
                new Hyperparameter("epochs", new IntDomain(5, 200, true), 30),
                new Hyperparameter("weightDecay", new FloatDomain(1e-6, 0.1, true), 1e-5)));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        double[][] x = data.features().rows();
        int n = x.length;
        var layers = new ArrayList<LayerBuilder>();
        layers.add(Layer.input(x[0].length));
        for (int l = 0; l < p.getInt("hiddenLayers"); l++) {
            layers.add(Layer.rectifier(p.getInt("hiddenUnits")));
        }
        boolean regression = data.target().task() == Task.REGRESSION;
        // outputs only for the classes in the training rows, so an absent class gets probability 0
        int[] present = regression ? new int[0] : ClassColumns.present(data.target().labels());
        if (!regression && present.length < 2) {
            throw new IllegalArgumentException("an MLP classifier needs two classes in its training rows, got "
                    + present.length);
        }
        layers.add(regression ? Layer.mse(1, OutputFunction.LINEAR) : present.length == 2
                ? Layer.mle(1, OutputFunction.SIGMOID) : Layer.mle(present.length, OutputFunction.SOFTMAX));
        LayerBuilder[] builders = layers.toArray(LayerBuilder[]::new);
        MathEx.setSeed(seed);
        var rng = new SplittableRandom(seed);
        if (regression) {
            double[] y = data.target().values();
            double mean = java.util.Arrays.stream(y).average().orElse(0);
            double sd = Math.max(Math.sqrt(java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / n), 1e-12);
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = (y[i] - mean) / sd;
            }
            var mlp = new smile.regression.MLP(builders);
            configure(mlp, p);
            train(n, p.getInt("epochs"), rng, batch -> mlp.update(rows(x, batch),
                    java.util.Arrays.stream(batch).mapToDouble(i -> z[i]).toArray()));
            return new SmileVectorRegressionModel(mlp, mean, sd);
        }
        int[] y = ClassColumns.renumber(data.target().labels(), present);
        var mlp = new smile.classification.MLP(builders);
        configure(mlp, p);
        train(n, p.getInt("epochs"), rng, batch -> mlp.update(rows(x, batch),
                java.util.Arrays.stream(batch).map(i -> y[i]).toArray()));
        return new SmileVectorClassifierModel(mlp, data.target().classCount(), present);
    }

    private static void configure(smile.model.mlp.MultilayerPerceptron mlp, Params p) {
        mlp.setLearningRate(TimeFunction.constant(p.getDouble("learningRate")));
        mlp.setWeightDecay(p.getDouble("weightDecay"));
    }

    /**
     * Runs the epochs: each shuffles the rows and hands them on in batches of {@link #BATCH} row indices.
     * Stops between epochs once its thread is interrupted: a cancelled or timed-out trial's thread is
     * abandoned, not stopped, and on a single validation fold an MLP fit of tens of seconds kept a core
     * busy through the ensembles, refits and model write that follow the search.
     *
     * @throws java.util.concurrent.CancellationException if the thread was interrupted
     */
    private static void train(int n, int epochs, SplittableRandom rng, java.util.function.Consumer<int[]> step) {
        for (int e = 0; e < epochs; e++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("MLP fit interrupted after " + e + " of " + epochs
                        + " epochs");
            }
            int[] order = permutation(n, rng);
            for (int start = 0; start < n; start += BATCH) {
                step.accept(java.util.Arrays.copyOfRange(order, start, Math.min(n, start + BATCH)));
            }
        }
    }

    private static double[][] rows(double[][] x, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = x[indices[i]];
        }
        return out;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }
}
