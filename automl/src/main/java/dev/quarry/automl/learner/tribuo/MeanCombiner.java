package dev.quarry.automl.learner.tribuo;

import java.util.Arrays;
import java.util.List;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;

/**
 * Tribuo's averaging combiner with its unweighted average repaired. In Tribuo 4.3.2
 * {@link AveragingCombiner#combine(ImmutableOutputInfo, List)} adds each value's full difference to
 * the running mean (it omits the division by the count), so it returns the last prediction, not
 * the mean; k-NN regression then predicts one neighbour's target. The weighted form is correct, so
 * the unweighted one delegates to it with equal weights. Serializable like its parent; it is stored
 * inside fitted k-NN models.
 */
final class MeanCombiner extends AveragingCombiner {

    private static final long serialVersionUID = 1L;

    @Override
    public Prediction<Regressor> combine(ImmutableOutputInfo<Regressor> outputInfo, List<Prediction<Regressor>> predictions) {
        float[] equal = new float[predictions.size()];
        Arrays.fill(equal, 1f);
        return combine(outputInfo, predictions, equal);
    }

    @Override
    public String toString() {
        return "MeanCombiner()";
    }
}
