package dev.quarry.automl.learner.tribuo;

import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Predictions;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;

/**
 * A fitted Tribuo regression model with one output dimension.
 *
 * @param model the Tribuo model (Serializable)
 */
record TribuoRegressionModel(Model<Regressor> model) implements FittedModel {

    @Override
    public Predictions predict(double[][] features) {
        List<Prediction<Regressor>> predictions = model.predict(TribuoData.unlabelled(features, TribuoData.REGRESSORS));
        double[] out = new double[features.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = predictions.get(i).getOutput().getValues()[0];
        }
        return Predictions.ofValues(out);
    }
}
