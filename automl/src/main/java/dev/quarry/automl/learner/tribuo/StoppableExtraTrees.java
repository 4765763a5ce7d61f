package dev.quarry.automl.learner.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.common.tree.DecisionTreeTrainer;
import org.tribuo.common.tree.ExtraTreesTrainer;
import org.tribuo.ensemble.EnsembleCombiner;

/**
 * Tribuo's {@link ExtraTreesTrainer}, which grows its trees one after another on the calling thread,
 * stopping before the next tree once that thread is interrupted: the local executor abandons and
 * interrupts a cancelled or timed-out trial's thread, and a fit of hundreds of trees otherwise ran to
 * its end on a core the ensembles and refits after the search needed. The trees are the ones
 * {@link ExtraTreesTrainer} grows for the same seed.
 *
 * @param <T> the output type
 */
final class StoppableExtraTrees<T extends Output<T>> extends ExtraTreesTrainer<T> {

    /**
     * @param trainer each tree's trainer
     * @param combiner how the trees' predictions combine
     * @param trees how many trees
     * @param seed the ensemble's seed
     */
    StoppableExtraTrees(DecisionTreeTrainer<T> trainer, EnsembleCombiner<T> combiner, int trees, long seed) {
        super(trainer, combiner, trees, seed);
    }

    /** @throws CancellationException if the fitting thread is interrupted (its interrupt status stays set) */
    @Override
    protected Model<T> trainSingleModel(Dataset<T> examples, ImmutableFeatureMap featureIDs,
            ImmutableOutputInfo<T> labelIDs, int randInt, Map<String, Provenance> runProvenance, int invocationCount) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("extra trees fit interrupted (" + numMembers + " trees asked)");
        }
        return super.trainSingleModel(examples, featureIDs, labelIDs, randInt, runProvenance, invocationCount);
    }
}
