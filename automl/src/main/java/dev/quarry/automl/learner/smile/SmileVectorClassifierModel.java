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
 * @param seen the Target class index of each of the model's outputs, in order; when the model was
 *     fitted on labels renumbered by {@link ClassColumns#renumber}, those it was renumbered from
 */
record SmileVectorClassifierModel(Classifier<double[]> model, int classes, int[] seen) implements FittedModel {

    /**
     * A model fitted on the Target's own class indices: its outputs are {@code model.classes()}.
     *
     * @param model the Smile model
     * @param classes the Target's number of classes
     */
    SmileVectorClassifierModel(Classifier<double[]> model, int classes) {
        this(model, classes, model.classes());
    }

    @Override
    public Predictions predict(double[][] features) {
        double[][] out = new double[features.length][];
        for (int i = 0; i < out.length; i++) {
            double[] posterior = new double[model.numClasses()];
            model.predict(features[i], posterior);
            out[i] = ClassColumns.spread(posterior, seen, classes);
        }
        return Predictions.ofProbabilities(out);
    }
}
