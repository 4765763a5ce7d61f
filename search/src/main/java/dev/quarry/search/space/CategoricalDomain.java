package dev.quarry.search.space;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One of a fixed list of string choices (booleans are the choices {@code "true"} and {@code "false"}).
 *
 * @param choices the distinct choices, at least one, in a fixed order
 */
public record CategoricalDomain(List<String> choices) implements Domain {

    /** Validates and copies the choices. */
    public CategoricalDomain {
        choices = List.copyOf(choices);
        if (choices.isEmpty() || new HashSet<>(choices).size() != choices.size()) {
            throw new IllegalArgumentException("choices must be non-empty and distinct, got " + choices);
        }
    }

    /**
     * @param choices the distinct choices
     * @return a domain over them
     */
    public static CategoricalDomain of(String... choices) {
        return new CategoricalDomain(List.of(choices));
    }

    @Override
    public Object sample(SplittableRandom rng) {
        return choices.get(rng.nextInt(choices.size()));
    }

    @Override
    public Object coerce(Object value) {
        String s = value instanceof Boolean b ? b.toString() : value instanceof String str ? str : null;
        if (s == null || !choices.contains(s)) {
            throw new IllegalArgumentException("expected one of " + choices + ", got " + value);
        }
        return s;
    }

    @Override
    public double toUnit(Object value) {
        int i = choices.indexOf((String) coerce(value));
        return choices.size() == 1 ? 0.5 : i / (double) (choices.size() - 1);
    }

    @Override
    public Object fromUnit(double unit) {
        int i = (int) Math.round(Math.clamp(unit, 0.0, 1.0) * (choices.size() - 1));
        return choices.get(i);
    }

    @Override
    public long size() {
        return choices.size();
    }
}
