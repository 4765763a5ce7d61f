package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.TrainingData;
import dev.quarry.search.Seeds;
import dev.quarry.search.space.Params;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * How a trial runs at a share of the full resource (a scheduler's rung). Pure functions.
 */
final class TrialResources {

    /** Fewer training rows than this make most learners' scores meaningless. */
    static final int MIN_ROWS = 20;

    private TrialResources() {
    }

    /**
     * @param params complete params
     * @param name the int hyperparameter counting iterations
     * @param share the resource share in (0, 1]
     * @return the params with that many iterations, {@code max(1, round(share · value))}
     */
    static Params scaleIterations(Params params, String name, double share) {
        var values = new TreeMap<>(params.values());
        values.put(name, Math.max(1, (int) Math.round(share * params.getInt(name))));
        return new Params(params.learner(), values);
    }

    /**
     * The first {@code max(ceil(share · n), min(n, 20))} rows of a fixed permutation of the fold's
     * training rows, seeded by the fold alone: every trial at a rung sees the same rows (so their
     * scores compare), and a larger share's rows contain a smaller share's.
     *
     * @param data the fold's training rows
     * @param share the resource share in (0, 1]
     * @param fold the fold index
     * @return the subsample, in the permutation's order
     */
    static TrainingData subsample(TrainingData data, double share, int fold) {
        int n = data.target().size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        var rng = new SplittableRandom(Seeds.mix(0x5AB5A, fold));
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int keep = Math.min(n, Math.max((int) Math.ceil(share * n), Math.min(n, MIN_ROWS)));
        int[] rows = java.util.Arrays.copyOf(order, keep);
        return new TrainingData(data.features().select(rows), data.target().select(rows), data.classWeights());
    }
}
