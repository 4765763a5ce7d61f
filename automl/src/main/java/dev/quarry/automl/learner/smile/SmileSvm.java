package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.CatalogLearner;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.CategoricalDomain;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Set;
import smile.classification.OneVersusRest;
import smile.classification.PlattScaling;
import smile.classification.SVM;
import smile.math.kernel.GaussianKernel;
import smile.math.kernel.LinearKernel;
import smile.math.kernel.MercerKernel;

/**
 * Smile's support vector machine (Cortes and Vapnik 1995, trained by Smile's LASVM solver) with a
 * Gaussian (RBF, width {@code sigma}) or linear kernel and soft-margin penalty {@code C}.
 * Probabilities come from Platt scaling (Platt 1999) of the decision values; more than two classes
 * are fitted one versus the rest, one machine after another. Kernel training needs time and memory growing with the square of
 * the rows, so the learner is offered only up to {@link #MAX_ROWS} training rows. Deterministic (the
 * solver's row order is drawn from Smile's generator, seeded per fit); needs scaled features.
 */
public final class SmileSvm extends CatalogLearner {

    /** The most training rows the learner is offered for. */
    public static final int MAX_ROWS = 5_000;

    /** The catalog entry, found through ServiceLoader. */
    public SmileSvm() {
        super("smile.svm", Set.of(Task.BINARY, Task.MULTICLASS),
                Set.of(Capability.PROBABILITIES, Capability.NEEDS_SCALING,
                        Capability.PREDICTS_FROM_TRAINING_ROWS), 0.5);
    }

    @Override
    public int maxRows() {
        return MAX_ROWS;
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(
                new Hyperparameter("kernel", CategoricalDomain.of("gaussian", "linear"), "gaussian"),
                new Hyperparameter("C", new FloatDomain(0.01, 100, true), 1.0),
                new Hyperparameter("sigma", new FloatDomain(0.1, 30, true), 3.0)));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        double[][] x = data.features().rows();
        int[] y = data.target().labels();
        MercerKernel<double[]> kernel = p.getString("kernel").equals("linear") ? new LinearKernel()
                : new GaussianKernel(p.getDouble("sigma"));
        var options = new SVM.Options(p.getDouble("C"));
        // LASVM visits rows in an order drawn from Smile's per-thread generator
        smile.math.MathEx.setSeed(seed);
        int classes = data.target().classCount();
        long distinct = java.util.Arrays.stream(y).distinct().count();
        if (classes > 2 && distinct > 2) {
            return oneVersusRest(x, y, kernel, options, seed, classes);
        }
        int positive = java.util.Arrays.stream(y).max().orElseThrow();
        int negative = java.util.Arrays.stream(y).min().orElseThrow();
        if (positive == negative) {
            throw new IllegalArgumentException("an SVM needs two classes in its training rows, got only class " + positive);
        }
        int[] signs = new int[y.length];
        int[] binary = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            signs[i] = y[i] == positive ? 1 : -1;
            binary[i] = y[i] == positive ? 1 : 0;
        }
        SVM<double[]> svm = SVM.fit(x, signs, kernel, options);
        double[] scores = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            scores[i] = svm.score(x[i]);
        }
        return new Binary(svm, PlattScaling.fit(scores, binary), negative, positive, classes);
    }

    /**
     * One machine per class seen, each Platt-scaled, fitted one after another with its own seed:
     * Smile's {@code OneVersusRest.fit} fits them on parallel threads whose generators are not seeded.
     */
    private static FittedModel oneVersusRest(double[][] x, int[] y, MercerKernel<double[]> kernel, SVM.Options options,
            long seed, int classes) {
        int[] seen = java.util.Arrays.stream(y).distinct().sorted().toArray();
        @SuppressWarnings("unchecked")
        smile.classification.Classifier<double[]>[] machines = new smile.classification.Classifier[seen.length];
        PlattScaling[] platt = new PlattScaling[seen.length];
        for (int c = 0; c < seen.length; c++) {
            int[] signs = new int[y.length];
            int[] binary = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                signs[i] = y[i] == seen[c] ? 1 : -1;
                binary[i] = y[i] == seen[c] ? 1 : 0;
            }
            smile.math.MathEx.setSeed(dev.quarry.search.Seeds.mix(seed, c));
            SVM<double[]> svm = SVM.fit(x, signs, kernel, options);
            double[] scores = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                scores[i] = svm.score(x[i]);
            }
            machines[c] = svm;
            platt[c] = PlattScaling.fit(scores, binary);
        }
        return new SmileVectorClassifierModel(new OneVersusRest<>(machines, platt, new smile.util.IntSet(seen)), classes);
    }

    /**
     * A two-class SVM with Platt-scaled probabilities.
     *
     * @param svm the machine, trained on labels -1 (negative) and +1 (positive)
     * @param platt maps its decision value to the positive class's probability
     * @param negative the Target class index of -1
     * @param positive the Target class index of +1
     * @param classes the Target's number of classes
     */
    record Binary(SVM<double[]> svm, PlattScaling platt, int negative, int positive, int classes) implements FittedModel {

        @Override
        public Predictions predict(double[][] features) {
            double[][] out = new double[features.length][classes];
            for (int i = 0; i < features.length; i++) {
                double p = platt.scale(svm.score(features[i]));
                out[i][positive] = p;
                out[i][negative] = 1 - p;
            }
            return Predictions.ofProbabilities(out);
        }
    }
}
