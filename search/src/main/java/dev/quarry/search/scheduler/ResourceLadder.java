package dev.quarry.search.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * The rungs of a multi-fidelity search: the resources a trial can be run at, from small to full.
 *
 * <p>With {@code K = floor(log(max / min) / log(reductionFactor))} (to a tolerance of 1e-9), the
 * rungs are {@code r_k = max · reductionFactor^(k − K)} for {@code k = 0..K}: the top rung is
 * always {@code max} and the bottom rung lies in {@code [min, min · reductionFactor)}, as in
 * Hyperband (Li et al. 2018). E.g. min 1, max 27, factor 3 gives 1, 3, 9, 27; min 0.1, max 1,
 * factor 3 gives 1/9, 1/3, 1.
 *
 * @param min the smallest resource, {@code > 0}
 * @param max the full resource, {@code >= min}
 * @param reductionFactor η: each rung keeps 1/η of the trials and gives them η times the resource; {@code > 1}
 */
public record ResourceLadder(double min, double max, double reductionFactor) {

    private static final double TOLERANCE = 1e-9;

    /** Validates. */
    public ResourceLadder {
        if (!(min > 0) || !Double.isFinite(min)) {
            throw new IllegalArgumentException("`minResource > 0` must hold, got " + min);
        }
        if (!(max >= min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("`maxResource >= minResource` must hold, got maxResource=" + max
                    + ", minResource=" + min);
        }
        if (!(reductionFactor > 1) || !Double.isFinite(reductionFactor)) {
            throw new IllegalArgumentException("`reductionFactor > 1` must hold, got " + reductionFactor);
        }
    }

    /** @return K, the index of the top rung (0 when min and max are within one factor) */
    public int top() {
        return (int) Math.floor(Math.log(max / min) / Math.log(reductionFactor) + TOLERANCE);
    }

    /** @return the rungs' resources, increasing, the last one {@code max} */
    public List<Double> rungs() {
        var out = new ArrayList<Double>();
        int k = top();
        for (int i = 0; i <= k; i++) {
            out.add(i == k ? max : max * Math.pow(reductionFactor, i - k));
        }
        return out;
    }

    /**
     * @param k a rung index in {@code 0..top()}
     * @return its resource
     */
    public double resource(int k) {
        if (k < 0 || k > top()) {
            throw new IllegalArgumentException("rung index must be in [0, " + top() + "], got " + k);
        }
        return rungs().get(k);
    }

    /**
     * @param resource a resource, possibly NaN (a trial run without a scheduler)
     * @return the index of the rung with that resource (relative tolerance 1e-9); the top rung for
     *     NaN; -1 if it is no rung
     */
    public int indexOf(double resource) {
        if (Double.isNaN(resource)) {
            return top();
        }
        List<Double> rungs = rungs();
        for (int i = 0; i < rungs.size(); i++) {
            if (Math.abs(rungs.get(i) - resource) <= TOLERANCE * Math.max(1, rungs.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
