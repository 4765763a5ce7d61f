package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.CatalogLearner;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.CategoricalDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.IntDomain;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.ArrayList;
import java.util.Set;
import smile.classification.DecisionTree;
import smile.model.cart.SplitRule;
import smile.regression.RegressionTree;

/**
 * Smile's CART decision tree (Breiman et al. 1984) for classification and regression. Deterministic.
 * Defaults are Smile's except {@code maxNodes}: Smile's 0 means rows / nodeSize, which an integer
 * domain cannot express, so the default is 64 leaves.
 */
public final class SmileDecisionTree extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public SmileDecisionTree() {
        super("smile.decision_tree", Set.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
                Set.of(Capability.PROBABILITIES), 0.1);
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        var h = new ArrayList<Hyperparameter>();
        h.add(new Hyperparameter("maxDepth", new IntDomain(2, 30, false), 20));
        h.add(new Hyperparameter("maxNodes", new IntDomain(4, 512, true), 64));
        h.add(new Hyperparameter("nodeSize", new IntDomain(1, 50, true), 5));
        if (task != Task.REGRESSION) {
            h.add(new Hyperparameter("splitRule", CategoricalDomain.of("gini", "entropy"), "gini"));
        }
        return new LearnerSpace(name(), h);
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        double[][] x = data.features().rows();
        if (data.target().task() == Task.REGRESSION) {
            var options = new RegressionTree.Options(p.getInt("maxDepth"), p.getInt("maxNodes"), p.getInt("nodeSize"));
            return new SmileRegressionModel(RegressionTree.fit(SmileFrames.FORMULA,
                    SmileFrames.regression(x, data.target().values()), options));
        }
        SplitRule rule = p.getString("splitRule").equals("gini") ? SplitRule.GINI : SplitRule.ENTROPY;
        var options = new DecisionTree.Options(rule, p.getInt("maxDepth"), p.getInt("maxNodes"), p.getInt("nodeSize"));
        return new SmileClassifierModel(DecisionTree.fit(SmileFrames.FORMULA,
                SmileFrames.classification(x, data.target().labels()), options), data.target().classCount());
    }
}
