package dev.quarry.automl.learner.smile;

/**
 * Maps a Smile posterior to Quarry's class order. Smile numbers only the labels it saw in training
 * ({@code Classifier.classes()} lists them, ascending), so when a class has no training rows, as
 * in a small cross-validation fold, its posteriors are shorter than the Target's class list and
 * shifted against it.
 */
final class ClassColumns {

    private ClassColumns() {
    }

    /**
     * @param posterior probabilities over the classes the model saw
     * @param seen the Quarry class index of each of those, from {@code Classifier.classes()}
     * @param classes the Target's number of classes
     * @return probabilities over all classes; unseen classes get 0
     */
    static double[] spread(double[] posterior, int[] seen, int classes) {
        double[] out = new double[classes];
        for (int j = 0; j < seen.length; j++) {
            out[seen[j]] = posterior[j];
        }
        return out;
    }
}
