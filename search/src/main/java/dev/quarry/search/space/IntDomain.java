package dev.quarry.search.space;

import java.util.SplittableRandom;

/**
 * Integers in {@code [low, high]}, both inclusive, optionally on a log scale.
 *
 * @param low the smallest value
 * @param high the largest value, {@code >= low}
 * @param log whether values are spread uniformly in log space; requires {@code low >= 1}
 */
public record IntDomain(int low, int high, boolean log) implements Domain {

    /** Validates the bounds. */
    public IntDomain {
        if (high < low) {
            throw new IllegalArgumentException("`high >= low` must hold, got low=" + low + ", high=" + high);
        }
        if (log && low < 1) {
            throw new IllegalArgumentException("a log-scaled int domain needs `low >= 1`, got " + low);
        }
    }

    @Override
    public Object sample(SplittableRandom rng) {
        return fromUnit(rng.nextDouble());
    }

    @Override
    public Object coerce(Object value) {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("expected an integer in [" + low + ", " + high + "], got " + value);
        }
        int v = n.intValue();
        if (v < low || v > high) {
            throw new IllegalArgumentException("expected an integer in [" + low + ", " + high + "], got " + v);
        }
        return v;
    }

    @Override
    public double toUnit(Object value) {
        int v = (Integer) coerce(value);
        if (high == low) {
            return 0.5;
        }
        return log ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low))
                : (v - low) / (double) (high - low);
    }

    @Override
    public Object fromUnit(double unit) {
        double u = Math.clamp(unit, 0.0, 1.0);
        double x = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)))
                : low + u * (high - low);
        return (int) Math.clamp(Math.round(x), low, high);
    }

    @Override
    public long size() {
        return (long) high - low + 1;
    }
}
