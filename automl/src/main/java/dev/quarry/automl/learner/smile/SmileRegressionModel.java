package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Predictions;
import smile.regression.DataFrameRegression;

/**
 * A fitted Smile formula regression model.
 *
 * @param model the Smile model (Serializable)
 */
record SmileRegressionModel(DataFrameRegression model) implements FittedModel {

    @Override
    public Predictions predict(double[][] features) {
        return Predictions.ofValues(model.predict(SmileFrames.forPrediction(features, false)));
    }
}
