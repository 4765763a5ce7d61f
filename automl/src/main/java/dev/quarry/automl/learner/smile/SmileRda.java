package dev.quarry.automl.learner.smile;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.CatalogLearner;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import smile.classification.RDA;

/**
 * Smile's regularised discriminant analysis (Friedman 1989): each class's covariance shrunk toward
 * the pooled one by {@code alpha}; {@code alpha = 1} is quadratic discriminant analysis (QDA), and
 * {@code alpha = 0} is LDA ({@link SmileLda}). Deterministic; needs a native OpenBLAS. Fitted on the
 * standardised, linearly independent columns ({@link IndependentColumns}); a class whose own
 * covariance is singular (a column constant within that class) can still fail it when {@code alpha}
 * is near 1, and the trial is then recorded as failed.
 */
public final class SmileRda extends CatalogLearner {

    /** The catalog entry, found through ServiceLoader. */
    public SmileRda() {
        super("smile.rda", Set.of(Task.BINARY, Task.MULTICLASS), Set.of(Capability.PROBABILITIES), 0.05);
    }

    @Override
    public Optional<String> unavailableReason() {
        return NativeBlas.unavailableReason();
    }

    @Override
    public LearnerSpace space(Task task, int rows) {
        return new LearnerSpace(name(), List.of(new Hyperparameter("alpha", new FloatDomain(0, 1, false), 0.5)));
    }

    @Override
    public FittedModel fit(TrainingData data, Params p, long seed) {
        // RDA indexes its class statistics by label, so a class absent from the fold must be renumbered away
        int[] present = ClassColumns.present(data.target().labels());
        var basis = IndependentColumns.select(data.features().rows());
        return IndependentColumns.of(basis, new SmileVectorClassifierModel(RDA.fit(basis.apply(data.features().rows()),
                ClassColumns.renumber(data.target().labels(), present), p.getDouble("alpha")),
                data.target().classCount(), present));
    }
}
