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

    /**
     * @param labels training labels
     * @return the distinct labels present, ascending
     */
    static int[] present(int[] labels) {
        return java.util.Arrays.stream(labels).distinct().sorted().toArray();
    }

    /**
     * Renumbers labels 0..s-1 by their position in {@code present}, for Smile learners that assume
     * contiguous labels (RDA, MLP).
     *
     * @param labels training labels
     * @param present {@link #present} of them
     * @return the renumbered labels
     */
    static int[] renumber(int[] labels, int[] present) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = java.util.Arrays.binarySearch(present, labels[i]);
        }
        return out;
    }
}
