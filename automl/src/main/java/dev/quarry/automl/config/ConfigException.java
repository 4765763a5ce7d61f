package dev.quarry.automl.config;

/**
 * A config that cannot be used. The message reads {@code <file>: <path>: <what was expected>},
 * e.g. {@code exp.yaml: $.budget.maxTrails: unknown key; did you mean maxTrials?}.
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
