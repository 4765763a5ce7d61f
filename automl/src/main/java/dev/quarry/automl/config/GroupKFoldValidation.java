package dev.quarry.automl.config;

/**
 * {@code type: group}: k-fold where all rows sharing a value of {@code column} stay in one fold, so a
 * model is always validated on groups it never saw (patients, customers, sessions). The column stays
 * a feature; with unseen groups in every validation fold its value cannot leak.
 *
 * @param column the group column; required; must be a feature column of the training file (checked
 *     against the data later) with no missing values
 * @param folds the number of folds, in [2, 20], at most the number of groups; default 5
 */
public record GroupKFoldValidation(String column, Integer folds) implements ValidationSpec {

    /** Applies defaults and validates. */
    public GroupKFoldValidation {
        if (column == null || column.isBlank()) {
            throw new InvalidValueException("column", "expected the name of the group column, got "
                    + (column == null ? "nothing" : "\"" + column + "\""));
        }
        folds = folds == null ? 5 : folds;
        if (folds < 2 || folds > 20) {
            throw new InvalidValueException("folds", "`folds` must be in [2, 20], got " + folds);
        }
    }
}
