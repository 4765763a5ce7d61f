package dev.quarry.automl.learner.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.util.Map;
import java.util.SplittableRandom;
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
 * <p>Tribuo 4.3.2's random-split trees sometimes fail on a bootstrap sample with
 * {@code IllegalArgumentException: bound must be positive} (its split search draws
 * {@code nextInt(values - 1)} for a feature that has no values in some node): on california-housing's
 * first 11,008 rows the default configuration failed for one seed of ten, and in the quality suite
 * of 2026-12-05 it failed in two of the three folds, after 20 to 75 s of fitting. Such a tree is
 * grown again on another bootstrap sample, whose seed follows from the failed one, up to
 * {@value #ATTEMPTS} times; a fit is still deterministic for its seed, and a fit that never meets the
 * failure grows exactly the trees it grew before.
 *
 * @param <T> the output type
 */
final class StoppableExtraTrees<T extends Output<T>> extends ExtraTreesTrainer<T> {

    /** Bootstrap samples a tree is grown on before its fit fails. */
    static final int ATTEMPTS = 5;

    /** The message of the exception Tribuo's random-split trees throw on some samples. */
    private static final String TRIBUO_SPLIT_BUG = "bound must be positive";

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
        int sample = randInt;
        for (int attempt = 1; ; attempt++) {
            try {
                return super.trainSingleModel(examples, featureIDs, labelIDs, sample, runProvenance, invocationCount);
            } catch (IllegalArgumentException e) {
                if (attempt >= ATTEMPTS || !TRIBUO_SPLIT_BUG.equals(e.getMessage())) {
                    throw e;
                }
                sample = new SplittableRandom(sample).nextInt();
            }
        }
    }
}
