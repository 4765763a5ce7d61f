package dev.quarry.automl.learner.smile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.TestData;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.Params;
import java.util.Arrays;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A classification forest grown on subsamples just under 1 still has out-of-bag rows to weigh its
 * trees by: such a forest predicted NaN for every row (27 failed trials in a row on credit-g).
 */
class ForestSubsampleTest {

    @Test
    void aSubsampleJustUnderOneLeavesRowsOutOfBag() {
        assertEquals(1.0, SmileRandomForest.classificationSubsample(1.0, 667), "1 is a bootstrap sample");
        assertEquals(0.8, SmileRandomForest.classificationSubsample(0.8, 667));
        assertEquals(1 - 10 / 667.0, SmileRandomForest.classificationSubsample(0.9995, 667), 1e-15);
    }

    @Test
    void aForestOnNearlyAllRowsPredictsProbabilities() throws Exception {
        TrainingData data = TestData.featurized("blood-transfusion.csv", "target", Task.BINARY, 500, false);
        var learner = new SmileRandomForest();
        var values = new TreeMap<String, Object>(learner.space(Task.BINARY, 500).defaults().values());
        values.put("subsample", 0.9995); // round(0.9995 x rows) of each class is every row
        values.put("trees", 50);
        var p = learner.fit(data, new Params(learner.name(), values), 1).predict(data.features().rows());
        assertTrue(Arrays.stream(p.probabilities()).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite),
                "finite probabilities: " + Arrays.toString(p.probabilities()[0]));
    }
}
