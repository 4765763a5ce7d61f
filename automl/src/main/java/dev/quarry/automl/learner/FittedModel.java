package dev.quarry.automl.learner;

import java.io.Serializable;

/**
 * A trained model. Serializable with Java serialization, which is how pipeline artifacts store it;
 * a model read back predicts exactly what it predicted before it was written.
 * Thread-safe for concurrent {@link #predict} calls.
 */
public interface FittedModel extends Serializable {

    /**
     * @param features rows with the same feature columns the model was fitted on
     * @return one prediction per row, in order
     */
    Predictions predict(double[][] features);
}
