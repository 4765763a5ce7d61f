package dev.quarry.automl.config;

/**
 * Thrown by a config record's compact constructor: names the offending key relative to the record,
 * so the loader can report the full JSON path.
 */
final class InvalidValueException extends IllegalArgumentException {

    private final String key;

    /**
     * @param key the key inside the record, e.g. {@code folds}; null for the record as a whole
     * @param message the rule and the value received
     */
    InvalidValueException(String key, String message) {
        super(message);
        this.key = key;
    }

    String key() {
        return key;
    }
}
