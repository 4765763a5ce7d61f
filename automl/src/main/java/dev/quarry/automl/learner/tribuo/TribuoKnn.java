package dev.quarry.automl.learner.tribuo;

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
import java.util.List;
import java.util.Set;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.math.distance.DistanceType;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.regression.Regressor;

/**
 * k-nearest neighbours through Tribuo: for classes a majority vote, with the vote shares under
 * Laplace's correction as probabilities ({@link LaplaceVotes}: none is 0); for numbers the neighbours'
 * mean. Exact (brute-force) search, so it is
 * deterministic and ignores the seed. Validating costs training rows times validated rows, so the
 * learner is offered only up to {@link #MAX_ROWS} training rows: on hflights (regression, 20
 * columns, holdout of 10%, 2 cores) one trial took 3.1 s at 29,000 rows and 86 s at 117,000, and at
 * 151,000 rows it ran into a 2-minute run's 60-second trial timeout, half that run's budget spent on
 * a learner that scored 10.9 RMSE against XGBoost's 4.3.
 *
 * <p>Regression averages through {@link MeanCombiner}: Tribuo 4.3.2's own averaging combiner
 * returns one neighbour's value instead of the mean.
 */
public final class TribuoKnn extends CatalogLearner {

    /** The most training rows the learner is offered for (about 11 s a trial there, extrapolating those timings). */
    public static final int MAX_ROWS = 50_000;

    /** The catalog entry, found through ServiceLoader. */
    public TribuoKnn() {
        super("tribuo.knn", Set.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
                Set.of(Capability.PROBABILITIES, Capability.NEEDS_SCALING,
                        Capability.PREDICTS_FROM_TRAINING_ROWS), 0.3);
    }

    @Override
    public int maxRows() {
        return MAX_ROWS;
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        int maxK = Math.clamp(rows / 2, 1, 50);
        return new LearnerSpace(name(), List.of(
                new Hyperparameter("k", new IntDomain(1, maxK, true), Math.min(5, maxK)),
                new Hyperparameter("distance", CategoricalDomain.of("l2", "l1", "cosine"), "l2")));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        var distance = DistanceType.valueOf(p.getString("distance").toUpperCase(java.util.Locale.ROOT)).getDistance();
        int k = p.getInt("k");
        if (data.target().task() == Task.REGRESSION) {
            var trainer = new KNNTrainer<Regressor>(k, distance, 1, new MeanCombiner(), KNNModel.Backend.STREAMS,
                    NeighboursQueryFactoryType.BRUTE_FORCE);
            return new TribuoRegressionModel(trainer.train(TribuoData.regression(data.features(), data.target().values())));
        }
        var trainer = new KNNTrainer<Label>(k, distance, 1, new VotingCombiner(), KNNModel.Backend.STREAMS,
                NeighboursQueryFactoryType.BRUTE_FORCE);
        int classes = data.target().classCount();
        return LaplaceVotes.of(new TribuoClassifierModel(trainer.train(TribuoData.classification(data.features(),
                data.target().labels())), classes), k, data.target().labels(), classes);
    }
}
