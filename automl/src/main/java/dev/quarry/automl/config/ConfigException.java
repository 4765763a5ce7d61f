package dev.quarry.automl.config;

/**
 * A config that cannot be used. The message reads {@code <file>: <path>: expected <what>, got <what was found>},
 * e.g. {@code exp.yaml: $.budget.maxTrials: expected an integer, got "ten"} or
 * {@code exp.yaml: $.budget.maxTrails: unknown key 'maxTrails'; did you mean maxTrials? valid keys at $.budget: ...}.
 * Syntax errors and unreadable files have no path and give the line and column instead.
 */
public class ConfigException extends RuntimeException {

    private final String path;

    /**
     * @param source the config file's name (or "request" for an API body)
     * @param path the JSON path of the offending value, e.g. {@code $.budget.maxTrials}; null if none
     * @param message what was expected and what was found
     */
    public ConfigException(String source, String path, String message) {
        super(source + ": " + (path == null ? "" : path + ": ") + message);
        this.path = path;
    }

    /** @return the JSON path of the offending value, or null */
    public String path() {
        return path;
    }
}
