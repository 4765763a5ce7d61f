package dev.quarry.automl.learner.tribuo;

import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Predictions;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

/**
 * A fitted Tribuo classifier whose label names are Quarry class indices.
 *
 * @param model the Tribuo model (Serializable)
 * @param classes the number of classes
 */
record TribuoClassifierModel(Model<Label> model, int classes) implements FittedModel {

    @Override
    public Predictions predict(double[][] features) {
        List<Prediction<Label>> predictions = model.predict(TribuoData.unlabelled(features, TribuoData.LABELS));
        double[][] out = new double[features.length][classes];
        for (int i = 0; i < out.length; i++) {
            Prediction<Label> p = predictions.get(i);
            if (model.generatesProbabilities() && p.hasProbabilities()) {
                double total = 0;
                for (Map.Entry<String, Label> e : p.getOutputScores().entrySet()) {
                    double score = Math.max(0, e.getValue().getScore());
                    out[i][Integer.parseInt(e.getKey())] = score;
                    total += score;
                }
                if (total > 0) {
                    for (int k = 0; k < classes; k++) {
                        out[i][k] /= total;
                    }
                    continue;
                }
            }
            out[i][Integer.parseInt(p.getOutput().getLabel())] = 1;
        }
        return Predictions.ofProbabilities(out);
    }
}
