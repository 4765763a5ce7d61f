package dev.quarry.search;

/**
 * Derives seeds from identity, so that a trial's randomness depends on what it is (experiment seed,
 * trial number, fold) and never on the order in which threads happened to run.
 *
 * <p>Uses the SplitMix64 finaliser (Steele, Lea and Flood 2014), which spreads nearby inputs
 * (trial 1, trial 2) to unrelated outputs. Thread-safe: stateless.
 */
public final class Seeds {
    private Seeds() {
    }

    /**
     * Mixes the parts into one seed. The same parts in the same order always give the same seed;
     * swapping parts gives a different one.
     *
     * @param parts the identity, e.g. {@code mix(experimentSeed, trialNumber, fold)}
     * @return a well-spread 64-bit seed
     */
    public static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long part : parts) {
            h = finalise(h ^ finalise(part + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    /**
     * A seed that fits in an {@code int}, for libraries that take one.
     *
     * @param parts the identity
     * @return a non-negative int derived from {@link #mix(long...)}
     */
    public static int mixToInt(long... parts) {
        return (int) (mix(parts) >>> 33);
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
