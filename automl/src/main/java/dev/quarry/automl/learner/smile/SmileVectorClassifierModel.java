package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Predictions;
import smile.classification.Classifier;

/**
 * A fitted Smile classifier on plain feature vectors (discriminant analysis, naive Bayes, MLP, SVM
 * one-versus-rest) with posterior probabilities.
 *
 * @param model the Smile model (Serializable); soft, so {@code predict(x, posteriori)} fills posteriors
 * @param classes the Target's number of classes, which may exceed the classes the model saw
 */
record SmileVectorClassifierModel(Classifier<double[]> model, int classes) implements FittedModel {

    @Override
    public Predictions predict(double[][] features) {
        int[] seen = model.classes();
        double[][] out = new double[features.length][];
        for (int i = 0; i < out.length; i++) {
            double[] posterior = new double[model.numClasses()];
            model.predict(features[i], posterior);
            out[i] = ClassColumns.spread(posterior, seen, classes);
        }
        return Predictions.ofProbabilities(out);
    }
}
