package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.CatalogLearner;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import smile.classification.LDA;

/**
 * Smile's linear discriminant analysis (Fisher 1936): Gaussian classes sharing one covariance, so
 * linear boundaries and calibrated-looking posteriors. No hyperparameters (the class priors are the
 * training shares); deterministic; needs a native OpenBLAS ({@link NativeBlas}). Fitted on the
 * standardised, linearly independent columns ({@link IndependentColumns}), so constant or collinear
 * columns (a one-hot level absent from a fold, a column that is a multiple of another) do not make
 * the pooled covariance singular.
 */
public final class SmileLda extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public SmileLda() {
        super("smile.lda", Set.of(Task.BINARY, Task.MULTICLASS), Set.of(Capability.PROBABILITIES), 0.05);
    }

    @Override
    public Optional<String> unavailableReason() {
        return NativeBlas.unavailableReason();
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of());
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        var basis = IndependentColumns.select(data.features().rows());
        return IndependentColumns.of(basis, new SmileVectorClassifierModel(LDA.fit(basis.apply(data.features().rows()),
                data.target().labels()), data.target().classCount()));
    }
}
