package dev.quarry.search.space;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One point of the search space: a learner and a value for each of its hyperparameters.
 * Values are {@link Integer}, {@link Double} or {@link String}; keys are sorted, so equal params
 * print and serialise identically.
 *
 * @param learner the learner's catalog name
 * @param values hyperparameter values by name
 */
public record Params(String learner, SortedMap<String, Object> values) {

    /** Copies the values into an unmodifiable sorted map. */
    public Params {
        if (learner == null || learner.isBlank()) {
            throw new IllegalArgumentException("params need a learner name");
        }
        values = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /**
     * @param learner the learner's catalog name
     * @param values hyperparameter values by name
     */
    public Params(String learner, Map<String, ?> values) {
        this(learner, (SortedMap<String, Object>) new TreeMap<String, Object>(values));
    }

    /**
     * @param name an int hyperparameter
     * @return its value
     * @throws IllegalArgumentException if absent or not an int
     */
    public int getInt(String name) {
        return ((Number) get(name, Number.class)).intValue();
    }

    /**
     * @param name a float hyperparameter
     * @return its value
     */
    public double getDouble(String name) {
        return ((Number) get(name, Number.class)).doubleValue();
    }

    /**
     * @param name a categorical hyperparameter
     * @return its value
     */
    public String getString(String name) {
        return (String) get(name, String.class);
    }

    /**
     * @param name a categorical hyperparameter with choices "true"/"false"
     * @return its value
     */
    public boolean getBoolean(String name) {
        return Boolean.parseBoolean(getString(name));
    }

    private Object get(String name, Class<?> type) {
        Object v = values.get(name);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(learner + " param " + name + " should be a "
                    + type.getSimpleName() + ", got " + v);
        }
        return v;
    }

    /** @return a short human form, e.g. {@code maxDepth=8, trees=200} */
    public String describe() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            if (d == 0) {
                return "0";
            }
            return Math.abs(d) >= 1e-3 && Math.abs(d) < 1e5 ? String.format(java.util.Locale.ROOT, "%.4g", d)
                    : String.format(java.util.Locale.ROOT, "%.3e", d);
        }
        return String.valueOf(v);
    }
}
