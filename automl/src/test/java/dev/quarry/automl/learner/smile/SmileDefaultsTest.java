package dev.quarry.automl.learner.smile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.Params;
import org.junit.jupiter.api.Test;

/**
 * The spaces' defaults are Smile 6's own, read from its Options records, except where a learner's
 * Javadoc says otherwise (forest and boosting tree counts, the decision tree's node limit).
 */
class SmileDefaultsTest {

    @Test
    void randomForest() {
        var smile = new smile.classification.RandomForest.Options(500);
        var smileRegression = new smile.regression.RandomForest.Options(500);
        for (Task task : Task.values()) {
            Params p = new SmileRandomForest().space(task, 1000).defaults();
            var expected = task == Task.REGRESSION ? smileRegression.maxDepth() : smile.maxDepth();
            assertEquals(expected, p.getInt("maxDepth"), task.toString());
            assertEquals(task == Task.REGRESSION ? smileRegression.nodeSize() : smile.nodeSize(), p.getInt("nodeSize"));
            assertEquals(smile.subsample(), p.getDouble("subsample"));
            // Smile's mtry 0 means sqrt(p) for classes and p / 3 for numbers.
            assertEquals(task == Task.REGRESSION ? "third" : "sqrt", p.getString("maxFeatures"));
            if (task != Task.REGRESSION) {
                assertEquals(smile.rule().name().toLowerCase(java.util.Locale.ROOT), p.getString("splitRule"));
            }
        }
    }

    @Test
    void gradientBoosting() {
        var smile = new smile.classification.GradientTreeBoost.Options(500);
        var smileRegression = new smile.regression.GradientTreeBoost.Options(500);
        for (Task task : Task.values()) {
            Params p = new SmileGradientBoosting().space(task, 1000).defaults();
            assertEquals(smile.shrinkage(), p.getDouble("shrinkage"));
            assertEquals(smile.maxDepth(), p.getInt("maxDepth"));
            assertEquals(smile.maxNodes(), p.getInt("maxNodes"));
            assertEquals(smile.nodeSize(), p.getInt("nodeSize"));
            assertEquals(smile.subsample(), p.getDouble("subsample"));
            assertEquals(smileRegression.shrinkage(), p.getDouble("shrinkage"));
            assertEquals(smileRegression.maxNodes(), p.getInt("maxNodes"));
        }
    }

    @Test
    void decisionTree() {
        var smile = new smile.classification.DecisionTree.Options();
        Params p = new SmileDecisionTree().space(Task.BINARY, 1000).defaults();
        assertEquals(smile.maxDepth(), p.getInt("maxDepth"));
        assertEquals(smile.nodeSize(), p.getInt("nodeSize"));
        assertEquals(smile.rule().name().toLowerCase(java.util.Locale.ROOT), p.getString("splitRule"));
        var regression = new smile.regression.RegressionTree.Options();
        Params r = new SmileDecisionTree().space(Task.REGRESSION, 1000).defaults();
        assertEquals(regression.maxDepth(), r.getInt("maxDepth"));
        assertEquals(regression.nodeSize(), r.getInt("nodeSize"));
    }

    @Test
    void logisticRegression() {
        assertEquals(new smile.classification.LogisticRegression.Options().lambda(),
                new SmileLogisticRegression().space(Task.BINARY, 1000).defaults().getDouble("lambda"));
    }
}
