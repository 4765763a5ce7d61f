package dev.quarry.automl.pipeline;

import dev.quarry.automl.learner.Predictions;
import java.util.Arrays;
import java.util.List;

/**
 * A fitted linear meta-learner over the outputs of a stacked pipeline's member configurations
 * (stacked generalisation, Wolpert 1992). Written in {@code pipeline.json}.
 *
 * <p>Classification: a multinomial logistic model on the members' log-probabilities with one weight
 * per member, shared by all classes, and one bias per class: the score of class k is
 * {@code biases[k] + sum_g weights[g] * log(max(p_gk, FLOOR))}, and the probabilities are their
 * softmax (a weighted logarithmic opinion pool; for two classes, logistic regression on the members'
 * logits). Regression: {@code biases[0] + sum_g weights[g] * prediction_g}.
 *
 * @param groupSizes how many consecutive pipeline members make up each member configuration (its fold
 *     models, averaged by their weights before the meta-learner sees them)
 * @param weights one weight per member configuration
 * @param biases one bias per class (classification) or the intercept alone (regression)
 */
public record Stacker(int[] groupSizes, double[] weights, double[] biases) {

    /** Probabilities below this are raised to it before their log is taken, so a 0 costs a finite amount. */
    public static final double FLOOR = 1e-3;

    /** Validates the shape. */
    public Stacker {
        if (groupSizes.length < 1 || groupSizes.length != weights.length) {
            throw new IllegalArgumentException("a stacker needs one weight per member group, got " + weights.length
                    + " weights for " + groupSizes.length + " groups");
        }
        if (biases.length < 1 || Arrays.stream(groupSizes).anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("a stacker needs at least one bias and groups of at least one member");
        }
        groupSizes = groupSizes.clone();
        weights = weights.clone();
        biases = biases.clone();
    }

    /** @return how many pipeline members the groups hold */
    public int members() {
        return Arrays.stream(groupSizes).sum();
    }

    /**
     * @param groups each member configuration's predictions for the same rows, in group order
     * @return the meta-learner's predictions
     */
    public Predictions combine(List<Predictions> groups) {
        if (groups.size() != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " member predictions, got " + groups.size());
        }
        int n = groups.getFirst().size();
        if (groups.getFirst().values() != null) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                double s = biases[0];
                for (int g = 0; g < weights.length; g++) {
                    s += weights[g] * groups.get(g).values()[i];
                }
                out[i] = s;
            }
            return Predictions.ofValues(out);
        }
        int k = biases.length;
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] s = biases.clone();
            for (int g = 0; g < weights.length; g++) {
                double[] p = groups.get(g).probabilities()[i];
                for (int c = 0; c < k; c++) {
                    s[c] += weights[g] * Math.log(Math.max(p[c], FLOOR));
                }
            }
            out[i] = softmax(s);
        }
        return Predictions.ofProbabilities(out);
    }

    /**
     * @param scores class scores, overwritten
     * @return their softmax (the same array)
     */
    public static double[] softmax(double[] scores) {
        double max = Arrays.stream(scores).max().orElse(0);
        double sum = 0;
        for (int c = 0; c < scores.length; c++) {
            scores[c] = Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < scores.length; c++) {
            scores[c] /= sum;
        }
        return scores;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stacker s && Arrays.equals(groupSizes, s.groupSizes) && Arrays.equals(weights, s.weights)
                && Arrays.equals(biases, s.biases);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(groupSizes) + Arrays.hashCode(weights)) + Arrays.hashCode(biases);
    }

    @Override
    public String toString() {
        return "Stacker[groups=" + Arrays.toString(groupSizes) + ", weights=" + Arrays.toString(weights) + ", biases="
                + Arrays.toString(biases) + "]";
    }
}
