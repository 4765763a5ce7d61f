package dev.quarry.automl.config;

/**
 * {@code type: kfold}.
 *
 * @param folds the number of folds, in [2, 20]; default 5
 * @param stratified whether folds keep class shares (classification only); default true
 */
public record KFoldValidation(Integer folds, Boolean stratified) implements ValidationSpec {

    /** Applies defaults and validates. */
    public KFoldValidation {
        folds = folds == null ? 5 : folds;
        stratified = stratified == null || stratified;
        if (folds < 2 || folds > 20) {
            throw new InvalidValueException("folds", "`folds` must be in [2, 20], got " + folds);
        }
    }
}
