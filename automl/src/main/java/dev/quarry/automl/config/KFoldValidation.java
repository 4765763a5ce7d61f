package dev.quarry.automl.config;

/**
 * {@code type: kfold}, optionally repeated with fresh shuffles.
 *
 * @param folds the number of folds, in [2, 20]; default 5
 * @param repeats how many times to repeat the k-fold partition with a new shuffle, in [1, 10]; default 1.
 *     A trial is then fitted {@code folds * repeats} times (at most 50), and its score is the mean over all
 * @param stratified whether folds keep class shares (classification only); default true
 */
public record KFoldValidation(Integer folds, Integer repeats, Boolean stratified) implements ValidationSpec {

    /** The most fits one trial may need, {@code folds * repeats}. */
    public static final int MAX_FITS = 50;

    /** Applies defaults and validates. */
    public KFoldValidation {
        folds = folds == null ? 5 : folds;
        repeats = repeats == null ? 1 : repeats;
        stratified = stratified == null || stratified;
        if (folds < 2 || folds > 20) {
            throw new InvalidValueException("folds", "`folds` must be in [2, 20], got " + folds);
        }
        if (repeats < 1 || repeats > 10) {
            throw new InvalidValueException("repeats", "`repeats` must be in [1, 10], got " + repeats);
        }
        if (folds * repeats > MAX_FITS) {
            throw new InvalidValueException("repeats", "`folds * repeats <= " + MAX_FITS + "` must hold, got "
                    + folds + " * " + repeats + " = " + folds * repeats);
        }
    }

    /**
     * @param folds the number of folds
     * @param stratified whether folds keep class shares
     */
    public KFoldValidation(Integer folds, Boolean stratified) {
        this(folds, null, stratified);
    }
}
