package dev.quarry.automl.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.TestData;
import dev.quarry.featurize.guardrails.ClassBalance;
import dev.quarry.featurize.table.Task;
import org.junit.jupiter.api.Test;

/** Class weights reach the learners that declare they take them, and change what they learn. */
class ClassWeightsTest {

    @Test
    void anImbalancedTargetGetsBalancingWeightsAndTheForestUsesThem() throws Exception {
        // bank-marketing: 12% of clients subscribed (class 2).
        TrainingData data = TestData.featurized("bank-marketing.csv", "Class", null, 4000, false);
        int[] weights = ClassBalance.weights(data.target());
        int[] counts = ClassBalance.counts(data.target());
        assertArrayEquals(new int[] {1, (int) Math.round(counts[0] / (double) counts[1])}, weights);
        assertNull(ClassBalance.weights(TestData.featurized("credit-g.csv", "class", null, 1000, false).target()),
                "30/70 is not imbalanced");

        Learner forest = LearnerCatalog.load().find("smile.random_forest").orElseThrow();
        assertTrue(forest.capabilities().contains(Capability.CLASS_WEIGHTS));
        assertTrue(LearnerCatalog.load().find("smile.logistic_regression").orElseThrow().capabilities().stream()
                .noneMatch(c -> c == Capability.CLASS_WEIGHTS), "declared, never probed");
        // Overlapping classes, 6% positive: unweighted trees rarely vote for the rare class.
        var random = new java.util.Random(3);
        int n = 2000;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double v = random.nextGaussian();
            x[i] = new double[] {v, random.nextGaussian()};
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-(2 * v - 4))) ? 1 : 0;
        }
        var target = new dev.quarry.featurize.table.Target("y", Task.BINARY, java.util.List.of("0", "1"), y, null);
        var features = new dev.quarry.featurize.table.FeatureMatrix(x, java.util.List.of("v", "w"));
        var params = forest.space(Task.BINARY, n).complete(java.util.Map.of("trees", 50, "maxDepth", 4, "nodeSize", 20));
        var plain = forest.fit(new TrainingData(features, target), params, 1).predict(x);
        var weighted = forest.fit(new TrainingData(features, target, ClassBalance.weights(target)), params, 1).predict(x);
        int plainPositives = 0;
        int weightedPositives = 0;
        for (int i = 0; i < plain.size(); i++) {
            plainPositives += plain.predictedClass(i);
            weightedPositives += weighted.predictedClass(i);
        }
        assertTrue(weightedPositives > plainPositives, "weighting the rare class predicts it more often: "
                + weightedPositives + " vs " + plainPositives);
    }
}
