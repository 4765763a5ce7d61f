package dev.quarry.automl.learner.tribuo;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.CatalogLearner;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.IntDomain;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.ExtraTreesTrainer;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * Extremely randomised trees (Geurts, Ernst and Wehenkel 2006) through Tribuo's
 * {@link ExtraTreesTrainer}: {@code trees} CART trees, each grown on all rows with split thresholds
 * drawn at random ({@code useRandomSplitPoints}) among a random {@code featureFraction} of the
 * features per node. Classes: Gini impurity, the trees' class scores averaged (probabilities); numbers:
 * squared error, the trees' mean ({@link MeanCombiner}). Deterministic for a seed. A fit whose thread
 * is interrupted stops before its next tree ({@link StoppableExtraTrees}).
 */
public final class TribuoExtraTrees extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public TribuoExtraTrees() {
        super("tribuo.extra_trees", Set.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
                Set.of(Capability.PROBABILITIES, Capability.ITERATIVE), 2.0);
    }

    @Override
    public java.util.Optional<String> iterationsParameter() {
        return java.util.Optional.of("trees");
    }

    /**
     * The default is 50 trees, not scikit-learn's 100: Tribuo grows a tree several times slower than
     * Smile's random forest does (100 trees took 3 to 4 times as long as its 200 on credit-g, vehicle,
     * abalone and phoneme, and timed out at 20 s on abalone), and the default runs in the warm start,
     * which must stay cheap. The search and the portfolio reach 500.
     */
    @Override
    public LearnerSpace space(Task task, int rows) {
        // The portfolio: Geurts et al.'s defaults, fully grown trees (n_min 2 for classes, i.e. leaves of one
        // row; 5 rows and every feature per split for numbers), with 200 trees. Deep extra trees lead
        // phoneme's validation board, where the library-default depth of 20 and leaves of 5 trail them.
        Map<String, Object> grown = task == Task.REGRESSION
                ? Map.of("maxDepth", 40, "minChildWeight", 5.0, "featureFraction", 1.0, "trees", 200)
                : Map.of("maxDepth", 40, "minChildWeight", 1.0, "trees", 200);
        return new LearnerSpace(name(), List.of(
                new Hyperparameter("trees", new IntDomain(20, 500, true), 50),
                new Hyperparameter("maxDepth", new IntDomain(3, 40, true), 20),
                new Hyperparameter("minChildWeight", new FloatDomain(1, 30, true), 5.0),
                new Hyperparameter("featureFraction", new FloatDomain(0.1, 1.0, false), 0.5))).withPortfolio(List.of(grown));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        int trees = p.getInt("trees");
        int maxDepth = p.getInt("maxDepth");
        float minChildWeight = (float) p.getDouble("minChildWeight");
        float fraction = (float) p.getDouble("featureFraction");
        if (data.target().task() == Task.REGRESSION) {
            var cart = new CARTRegressionTrainer(maxDepth, minChildWeight, 0f, fraction, true, new MeanSquaredError(), seed);
            var trainer = new StoppableExtraTrees<Regressor>(cart, new MeanCombiner(), trees, seed);
            return new TribuoRegressionModel(trainer.train(TribuoData.regression(data.features(), data.target().values())));
        }
        var cart = new CARTClassificationTrainer(maxDepth, minChildWeight, 0f, fraction, true, new GiniIndex(), seed);
        var trainer = new StoppableExtraTrees<Label>(cart, new FullyWeightedVotingCombiner(), trees, seed);
        return new TribuoClassifierModel(trainer.train(TribuoData.classification(data.features(), data.target().labels())),
                data.target().classCount());
    }
}
