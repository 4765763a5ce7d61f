package dev.quarry.automl.learner.tribuo;

import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Predictions;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

/**
 * A fitted Tribuo classifier whose label names are Quarry class indices. A prediction's scores are
 * used as probabilities whenever the prediction says it has them ({@link Prediction#hasProbabilities()}),
 * whatever the model says of itself: Tribuo 4.3.2's k-NN model reports
 * {@code generatesProbabilities() == false} although each of its predictions carries the vote shares
 * as probabilities, and reading the model's flag turned k-NN into hard one-hot votes (phoneme's AUC
 * 0.84 instead of 0.91). Predictions without probabilities become one-hot.
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
            if (p.hasProbabilities()) {
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
