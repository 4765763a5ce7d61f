package dev.quarry.featurize.table;

/** What kind of prediction an experiment makes. */
public enum Task {
    /** Two classes. */
    BINARY,
    /** Three or more classes. */
    MULTICLASS,
    /** A real number. */
    REGRESSION;

    /** @return whether the task predicts classes */
    public boolean isClassification() {
        return this != REGRESSION;
    }
}
