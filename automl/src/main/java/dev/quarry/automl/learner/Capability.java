package dev.quarry.automl.learner;

/** What a learner can do or needs; declared, never probed by catching exceptions. */
public enum Capability {
    /** Predicts class probabilities (not only labels). */
    PROBABILITIES,
    /** Needs standardised numeric features to work well (linear models, k-NN, SVM). */
    NEEDS_SCALING,
    /** Trains in iterations (trees, epochs) that a scheduler may use as a resource. */
    ITERATIVE,
    /** Accepts per-row sample weights. */
    SAMPLE_WEIGHTS,
    /** Accepts integer per-class weights ({@link TrainingData#classWeights()}), used against class imbalance. */
    CLASS_WEIGHTS,
    /**
     * Predicting one row does work in proportion to the training rows times the features (k-NN's
     * distances, a kernel machine's or a Gaussian process's kernel row): slow to deploy on large data,
     * so ensembles take such a model only on small data ({@code EnsemblePool}).
     */
    PREDICTS_FROM_TRAINING_ROWS
}
