package dev.quarry.search.space;

import java.util.SplittableRandom;

/**
 * Real numbers in {@code [low, high]}, optionally on a log scale.
 *
 * @param low the smallest value
 * @param high the largest value, {@code >= low}
 * @param log whether values are spread uniformly in log space; requires {@code low > 0}
 */
public record FloatDomain(double low, double high, boolean log) implements Domain {

    /** Validates the bounds. */
    public FloatDomain {
        if (!Double.isFinite(low) || !Double.isFinite(high) || high < low) {
            throw new IllegalArgumentException("finite bounds with `high >= low` must hold, got low=" + low + ", high=" + high);
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("a log-scaled float domain needs `low > 0`, got " + low);
        }
    }

    @Override
    public Object sample(SplittableRandom rng) {
        return fromUnit(rng.nextDouble());
    }

    @Override
    public Object coerce(Object value) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException("expected a number in [" + low + ", " + high + "], got " + value);
        }
        double v = n.doubleValue();
        if (v < low || v > high) {
            throw new IllegalArgumentException("expected a number in [" + low + ", " + high + "], got " + v);
        }
        return v;
    }

    @Override
    public double toUnit(Object value) {
        double v = (Double) coerce(value);
        if (high == low) {
            return 0.5;
        }
        return log ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low))
                : (v - low) / (high - low);
    }

    @Override
    public Object fromUnit(double unit) {
        double u = Math.clamp(unit, 0.0, 1.0);
        double x = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)))
                : low + u * (high - low);
        return Math.clamp(x, low, high);
    }

    @Override
    public long size() {
        return low == high ? 1 : -1;
    }
}
