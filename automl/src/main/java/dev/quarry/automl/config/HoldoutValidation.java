package dev.quarry.automl.config;

/**
 * {@code type: holdout}.
 *
 * @param fraction the share of rows held out, in (0, 0.5]; default 0.2
 * @param stratified whether the holdout keeps class shares (classification only); default true
 */
public record HoldoutValidation(Double fraction, Boolean stratified) implements ValidationSpec {

    /** Applies defaults and validates. */
    public HoldoutValidation {
        fraction = fraction == null ? 0.2 : fraction;
        stratified = stratified == null || stratified;
        if (!(fraction > 0 && fraction <= 0.5)) {
            throw new InvalidValueException("fraction", "`fraction` must be in (0, 0.5], got " + fraction);
        }
    }
}
