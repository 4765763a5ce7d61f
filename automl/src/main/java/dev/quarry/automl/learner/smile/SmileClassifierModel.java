package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Predictions;
import java.util.ArrayList;
import smile.classification.DataFrameClassifier;

/**
 * A fitted Smile formula classifier with posterior probabilities.
 *
 * @param model the Smile model (Serializable)
 * @param classes the Target's number of classes, which may exceed the classes the model saw
 */
record SmileClassifierModel(DataFrameClassifier model, int classes) implements FittedModel {

    @Override
    public Predictions predict(double[][] features) {
        // Smile appends one posterior array per row to the list it is given.
        var posteriors = new ArrayList<double[]>(features.length);
        model.predict(SmileFrames.forPrediction(features, true), posteriors);
        int[] seen = model.classes();
        double[][] out = new double[features.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ClassColumns.spread(posteriors.get(i), seen, classes);
        }
        return Predictions.ofProbabilities(out);
    }
}
