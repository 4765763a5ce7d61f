package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.CatalogLearner;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.CategoricalDomain;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.IntDomain;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import smile.classification.RandomForest;
import smile.model.cart.SplitRule;

/**
 * Smile's random forest (Breiman 2001) for classification and regression. Each tree gets its own
 * seed derived from the trial seed, so the forest is reproducible although Smile grows trees in
 * parallel. Defaults follow Smile 6 (whose {@code nodeSize} is 5 for both tasks, and whose node
 * limit is rows / nodeSize, as here) except {@code trees}: 200 rather than 500, to fit small budgets.
 * A fit whose thread is interrupted stops after the trees being grown ({@link StopOnInterrupt}).
 */
public final class SmileRandomForest extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public SmileRandomForest() {
        super("smile.random_forest", Set.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
                Set.of(Capability.PROBABILITIES, Capability.ITERATIVE, Capability.CLASS_WEIGHTS), 1.0);
    }

    @Override
    public java.util.Optional<String> iterationsParameter() {
        return java.util.Optional.of("trees");
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        var h = new ArrayList<Hyperparameter>();
        h.add(new Hyperparameter("trees", new IntDomain(50, 500, true), 200));
        h.add(new Hyperparameter("maxFeatures", CategoricalDomain.of("sqrt", "log2", "third", "half", "all"),
                task == Task.REGRESSION ? "third" : "sqrt"));
        h.add(new Hyperparameter("maxDepth", new IntDomain(4, 40, false), 20));
        h.add(new Hyperparameter("nodeSize", new IntDomain(1, 20, true), 5));
        h.add(new Hyperparameter("subsample", new FloatDomain(0.5, 1.0, false), 1.0));
        if (task != Task.REGRESSION) {
            h.add(new Hyperparameter("splitRule", CategoricalDomain.of("gini", "entropy"), "gini"));
        }
        // Strong settings from common practice: fully grown trees (Breiman's forest, and scikit-learn's
        // default: leaves of one row, which Smile's node limit of rows / nodeSize allows), more trees with
        // wider splits, and shallower, smoother trees. On phoneme fully grown forests lead Smile's.
        return new LearnerSpace(name(), h).withPortfolio(List.of(
                Map.of("nodeSize", 1, "maxDepth", 40),
                Map.of("trees", 300, "maxFeatures", "half"),
                Map.of("maxDepth", 12, "nodeSize", 10)));
    }

    /**
     * @param choice a maxFeatures choice
     * @param features the number of features
     * @return the number of features tried per split
     */
    static int mtry(String choice, int features) {
        int m = switch (choice) {
            case "sqrt" -> (int) Math.floor(Math.sqrt(features));
            case "log2" -> (int) Math.floor(Math.log(features) / Math.log(2));
            case "third" -> features / 3;
            case "half" -> features / 2;
            case "all" -> features;
            default -> throw new IllegalArgumentException("unknown maxFeatures " + choice);
        };
        return Math.clamp(m, 1, Math.max(1, features));
    }

    /**
     * Out-of-bag rows a classification tree keeps when it is grown on a sample drawn without
     * replacement ({@code subsample} below 1).
     */
    static final int MIN_OUT_OF_BAG = 10;

    /**
     * The subsample handed to Smile's classification forest. Smile draws a tree's rows with
     * replacement when it is exactly 1 (a bootstrap sample), otherwise {@code round(subsample x rows)}
     * of each class without replacement, and weighs each tree's vote by its accuracy on the rows it
     * was not grown on. A value just under 1 (0.9995 on credit-g's 667 training rows, where the
     * default Gaussian-process sampler drifted after bootstrap forests scored well) drew every row: no
     * out-of-bag rows, a weight of 0/0 for every tree, and a forest predicting NaN, which failed 27
     * trials in a row and stopped the experiment at 188 s of 5 minutes. Below 1 the share is capped
     * to leave about {@link #MIN_OUT_OF_BAG} rows out of bag.
     *
     * @param subsample the hyperparameter, in (0, 1]
     * @param rows the training rows
     * @return 1 for a bootstrap sample, else the share drawn without replacement
     */
    static double classificationSubsample(double subsample, int rows) {
        return subsample >= 1 ? 1 : Math.min(subsample, 1 - MIN_OUT_OF_BAG / (double) rows);
    }

    /**
     * Smile's {@code classWeight} divides each class's bootstrap draw ("roughly the ratio of samples
     * in each class", its documentation says), the opposite of a balancing weight: a class weighted w
     * gets max(w)/w here, so a balanced target draws about as many rows of every class.
     *
     * @param balancing one weight per class, or null
     * @return Smile's weights, or null
     */
    static int[] smileClassWeight(int[] balancing) {
        if (balancing == null) {
            return null;
        }
        int max = java.util.Arrays.stream(balancing).max().orElse(1);
        return java.util.Arrays.stream(balancing).map(w -> (int) Math.max(1, Math.round(max / (double) w))).toArray();
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        double[][] x = data.features().rows();
        int trees = p.getInt("trees");
        int mtry = mtry(p.getString("maxFeatures"), data.features().featureCount());
        int nodeSize = p.getInt("nodeSize");
        int maxNodes = Math.max(2, x.length / nodeSize);
        long[] seeds = SmileFrames.seeds(seed, trees);
        if (data.target().task() == Task.REGRESSION) {
            var options = new smile.regression.RandomForest.Options(trees, mtry, p.getInt("maxDepth"), maxNodes, nodeSize,
                    p.getDouble("subsample"), seeds, new StopOnInterrupt<>("random forest"));
            return new SmileRegressionModel(smile.regression.RandomForest.fit(SmileFrames.FORMULA,
                    SmileFrames.regression(x, data.target().values()), options));
        }
        SplitRule rule = p.getString("splitRule").equals("gini") ? SplitRule.GINI : SplitRule.ENTROPY;
        var options = new RandomForest.Options(trees, mtry, rule, p.getInt("maxDepth"), maxNodes, nodeSize,
                classificationSubsample(p.getDouble("subsample"), x.length), smileClassWeight(data.classWeights()), seeds,
                new StopOnInterrupt<>("random forest"));
        return new SmileClassifierModel(RandomForest.fit(SmileFrames.FORMULA,
                SmileFrames.classification(x, data.target().labels()), options), data.target().classCount());
    }
}
