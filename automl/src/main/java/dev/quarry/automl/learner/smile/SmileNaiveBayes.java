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
import java.util.Set;
import smile.classification.NaiveBayes;
import smile.stat.distribution.Distribution;
import smile.stat.distribution.GaussianDistribution;

/**
 * Gaussian naive Bayes through Smile's {@link NaiveBayes}: per class, an independent normal per
 * feature, fitted here by maximum likelihood (Smile takes the fitted distributions). Each variance
 * is increased by {@code varSmoothing} times the largest feature variance (scikit-learn's rule), so
 * a feature constant within a class (a one-hot column) does not give a zero variance. Priors are the
 * training shares of the classes present. Deterministic.
 */
public final class SmileNaiveBayes extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public SmileNaiveBayes() {
        super("smile.naive_bayes", Set.of(Task.BINARY, Task.MULTICLASS), Set.of(Capability.PROBABILITIES), 0.02);
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(
                new Hyperparameter("varSmoothing", new FloatDomain(1e-9, 1, true), 1e-9)));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        double[][] x = data.features().rows();
        int[] y = data.target().labels();
        int cols = x.length == 0 ? 0 : x[0].length;
        int classes = data.target().classCount();
        int[] count = new int[classes];
        double[][] sum = new double[classes][cols];
        for (int i = 0; i < x.length; i++) {
            count[y[i]]++;
            for (int j = 0; j < cols; j++) {
                sum[y[i]][j] += x[i][j];
            }
        }
        int[] seen = java.util.stream.IntStream.range(0, classes).filter(c -> count[c] > 0).toArray();
        double[][] sq = new double[classes][cols];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < cols; j++) {
                double d = x[i][j] - sum[y[i]][j] / count[y[i]];
                sq[y[i]][j] += d * d;
            }
        }
        double epsilon = p.getDouble("varSmoothing") * Math.max(largestVariance(x, cols), 1e-12);
        double[] priori = new double[seen.length];
        Distribution[][] condprob = new Distribution[seen.length][cols];
        for (int s = 0; s < seen.length; s++) {
            int c = seen[s];
            priori[s] = count[c] / (double) x.length;
            for (int j = 0; j < cols; j++) {
                condprob[s][j] = new GaussianDistribution(sum[c][j] / count[c], Math.sqrt(sq[c][j] / count[c] + epsilon));
            }
        }
        return new SmileVectorClassifierModel(new NaiveBayes(priori, condprob, new smile.util.IntSet(seen)), classes);
    }

    private static double largestVariance(double[][] x, int cols) {
        double largest = 0;
        for (int j = 0; j < cols; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= x.length;
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            largest = Math.max(largest, var / x.length);
        }
        return largest;
    }
}
