package dev.quarry.search.space;

/**
 * One named, typed hyperparameter of a learner, with the value the learner's library uses by default.
 *
 * @param name the name users write in config and see in the leaderboard, e.g. {@code maxDepth}
 * @param domain the values it may take
 * @param defaultValue the library default, inside the domain; tried first by warm starts
 */
public record Hyperparameter(String name, Domain domain, Object defaultValue) {

    /** Validates the name and normalises the default into the domain's type. */
    public Hyperparameter {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("a hyperparameter name must be an identifier, got " + name);
        }
        try {
            defaultValue = domain.coerce(defaultValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("default of " + name + ": " + e.getMessage(), e);
        }
    }
}
