package dev.quarry.automl.config;

/**
 * {@code type: time}: time-ordered validation with an expanding window. Rows are sorted by
 * {@code column} and cut into {@code folds + 1} consecutive blocks; split {@code i} trains on blocks
 * {@code 0..i} and validates on block {@code i + 1}, so no model is ever trained on rows later than
 * the ones it is scored on. Numeric columns order by value; text columns by their text, which orders
 * ISO-8601 dates and times ({@code 2024-03-01}, {@code 2024-03-01T12:00:00Z}) correctly.
 *
 * @param column the time column; required; a feature column of the training file (checked against
 *     the data later) with no missing values
 * @param folds how many train/validate splits, in [1, 20]; default 3
 */
public record TimeSplitValidation(String column, Integer folds) implements ValidationSpec {

    /** Applies defaults and validates. */
    public TimeSplitValidation {
        if (column == null || column.isBlank()) {
            throw new InvalidValueException("column", "expected the name of the time column, got "
                    + (column == null ? "nothing" : "\"" + column + "\""));
        }
        folds = folds == null ? 3 : folds;
        if (folds < 1 || folds > 20) {
            throw new InvalidValueException("folds", "`folds` must be in [1, 20], got " + folds);
        }
    }
}
