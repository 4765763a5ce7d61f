package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Predictions;
import smile.regression.Regression;

/**
 * A fitted Smile regression model on plain feature vectors, its output mapped back from a
 * standardised target: {@code prediction = mean + sd * model(x)} ({@code 0} and {@code 1} when the
 * target was not standardised).
 *
 * @param model the Smile model (Serializable)
 * @param mean the training target's mean the model was fitted around
 * @param sd the training target's standard deviation the model was fitted in units of
 */
record SmileVectorRegressionModel(Regression<double[]> model, double mean, double sd) implements FittedModel {

    @Override
    public Predictions predict(double[][] features) {
        double[] out = new double[features.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mean + sd * model.predict(features[i]);
        }
        return Predictions.ofValues(out);
    }
}
