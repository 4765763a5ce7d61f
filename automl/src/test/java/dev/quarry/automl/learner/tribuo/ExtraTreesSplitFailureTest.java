package dev.quarry.automl.learner.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.TestData;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Tribuo's random-split regression trees fail on some bootstrap samples ("bound must be positive");
 * the default extra trees on california-housing's first 11,008 rows meet that with seed 5 (two of
 * the quality suite's three folds lost their extra trees to it). The fit grows that tree on another
 * sample instead, and stays deterministic.
 */
class ExtraTreesSplitFailureTest {

    @Test
    void aTreeThatMeetsTribuosSplitFailureIsGrownOnAnotherSample() throws Exception {
        TrainingData data = TestData.featurized("california-housing.csv", "median_house_value", Task.REGRESSION, 11_008, false);
        var learner = new TribuoExtraTrees();
        var params = learner.space(Task.REGRESSION, data.target().size()).defaults();
        double[] first = learner.fit(data, params, 5).predict(data.features().rows()).values();
        double[] second = learner.fit(data, params, 5).predict(data.features().rows()).values();
        assertTrue(Arrays.stream(first).allMatch(Double::isFinite));
        assertArrayEquals(first, second, "the same trees for the same seed");
    }
}
