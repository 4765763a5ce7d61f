package dev.quarry.automl.learner.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.FeatureMatrix;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * k-NN regression predicts the neighbours' mean, which Tribuo 4.3.2's own combiner does not; k-NN
 * classification gives the neighbours' vote shares (which Tribuo 4.3.2's model does not announce)
 * under Laplace's correction as probabilities.
 */
class TribuoKnnTest {

    private static TrainingData squares() {
        double[][] x = new double[10][];
        double[] y = new double[10];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[] {i};
            y[i] = i * i;
        }
        return new TrainingData(new FeatureMatrix(x, List.of("x")), new Target("y", Task.REGRESSION, List.of(), null, y));
    }

    private static double[] predict(int k, double... at) throws Exception {
        var learner = new TribuoKnn();
        Params p = learner.space(Task.REGRESSION, 10).complete(Map.of("k", k, "distance", "l2"));
        double[][] rows = new double[at.length][];
        for (int i = 0; i < at.length; i++) {
            rows[i] = new double[] {at[i]};
        }
        return learner.fit(squares(), p, 1).predict(rows).values();
    }

    @Test
    void predictsTheMeanOfTheKNearestTargets() throws Exception {
        // Nearest to 4.1 are 4, 5, 3 (then 6, 2): means of 16, 25, 9, 36, 4 taken 1, 3 and 5 at a time.
        assertArrayEquals(new double[] {16, 0}, predict(1, 4.1, 0.2), 1e-12);
        assertArrayEquals(new double[] {50.0 / 3, 5.0 / 3}, predict(3, 4.1, 0.2), 1e-12);
        assertArrayEquals(new double[] {18, 6}, predict(5, 4.1, 0.2), 1e-12);
    }

    @Test
    void classProbabilitiesAreTheNeighboursVoteShares() throws Exception {
        // Rows at 0..9, class 1 from 5 up. The 5 nearest to 4.4 are 4, 5, 3, 6, 2: classes 0, 1, 0, 1, 0.
        // The 5 nearest to 6.2 are 6, 7, 5, 8, 4: classes 1, 1, 1, 1, 0. Hard votes would make both rows one-hot.
        double[][] x = new double[10][];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[] {i};
            labels[i] = i >= 5 ? 1 : 0;
        }
        var data = new TrainingData(new FeatureMatrix(x, List.of("x")),
                new Target("y", Task.BINARY, List.of("no", "yes"), labels, null));
        var learner = new TribuoKnn();
        var five = learner.fit(data, learner.space(Task.BINARY, 10).complete(Map.of("k", 5, "distance", "l2")), 1)
                .predict(new double[][] {{4.4}, {6.2}}).probabilities();
        // vote shares 3/5 and 1/5 under Laplace's correction: (votes + 1) / (k + classes)
        assertArrayEquals(new double[] {4.0 / 7, 3.0 / 7}, five[0], 1e-6);
        assertArrayEquals(new double[] {2.0 / 7, 5.0 / 7}, five[1], 1e-6);
    }

    @Test
    void oneNeighbourNeverGivesAClassProbabilityZero() throws Exception {
        // three classes, k = 1: the neighbour's class gets (1 + 1) / (1 + 3), the others 1 / 4
        double[][] x = {{0}, {1}, {2}};
        var data = new TrainingData(new FeatureMatrix(x, List.of("x")),
                new Target("y", Task.MULTICLASS, List.of("a", "b", "c"), new int[] {0, 1, 2}, null));
        var learner = new TribuoKnn();
        var one = learner.fit(data, learner.space(Task.MULTICLASS, 3).complete(Map.of("k", 1, "distance", "l2")), 1)
                .predict(new double[][] {{0.1}, {1.9}}).probabilities();
        assertArrayEquals(new double[] {0.5, 0.25, 0.25}, one[0], 1e-12);
        assertArrayEquals(new double[] {0.25, 0.25, 0.5}, one[1], 1e-12);
    }
}
