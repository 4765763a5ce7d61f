package dev.quarry.featurize;

/**
 * Bad data: a malformed CSV, a missing column, an unusable target. The message names the file, the
 * 1-based line and/or the column and what was expected, so users can fix the input without a debugger.
 */
public class DataException extends RuntimeException {

    /**
     * @param message what is wrong and where
     */
    public DataException(String message) {
        super(message);
    }
}
