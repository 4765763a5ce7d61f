package dev.quarry.automl.learner;

import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.Set;

/**
 * A catalog entry: one algorithm of Smile or Tribuo for one family of tasks, with its typed search
 * space. Found through {@link java.util.ServiceLoader}; implementations have a public no-argument
 * constructor, are stateless and thread-safe.
 */
public interface Learner {

    /** @return the catalog name users write in config, e.g. {@code smile.random_forest} */
    String name();

    /** @return the tasks it can fit */
    Set<Task> tasks();

    /** @return what it can do or needs */
    Set<Capability> capabilities();

    /**
     * @param task one of {@link #tasks()}
     * @param rows the number of training rows (lets spaces cap e.g. k-NN's k)
     * @return its hyperparameters for that task, with library defaults
     */
    LearnerSpace space(Task task, int rows);

    /**
     * Whether the learner can run on this machine, e.g. one that needs a native library.
     *
     * @return empty if it can run, else why not and how to fix it
     */
    default java.util.Optional<String> unavailableReason() {
        return java.util.Optional.empty();
    }

    /**
     * The hyperparameter that counts iterations (trees, epochs), which a scheduler may scale as its
     * resource. Learners declaring {@link Capability#ITERATIVE} name an int hyperparameter of their
     * space here; others return empty.
     *
     * @return the hyperparameter's name, if any
     */
    default java.util.Optional<String> iterationsParameter() {
        return java.util.Optional.empty();
    }

    /**
     * The most training rows this learner is offered for: an experiment whose training rows exceed it
     * leaves the learner out (kernel methods whose cost grows with the square or cube of the rows).
     *
     * @return the row cap; {@link Integer#MAX_VALUE} for none
     */
    default int maxRows() {
        return Integer.MAX_VALUE;
    }

    /**
     * A rough relative cost of fitting and scoring the learner's default params on the same data
     * (random forest = 1.0). The warm start tries the learners' defaults cheapest first, so that a
     * good model exists within seconds and one slow default cannot hold up the rest. The catalog's
     * values were measured on credit-g, vehicle, abalone and phoneme (each default over 5 or 10 folds
     * on one core, against random forest's), rounded up for learners whose cost grows faster with the
     * rows than a forest's (k-NN, kernel SVM).
     *
     * @return the cost hint, positive
     */
    double costHint();

    /**
     * Fits a model. Deterministic for the same data, params and seed.
     *
     * @param data featurized rows and target; the task is {@code data.target().task()}
     * @param params complete params from {@link #space}
     * @param seed the seed for the library's randomness
     * @return the fitted model
     * @throws Exception when the library fails; the trial is then recorded as FAILED
     */
    FittedModel fit(TrainingData data, Params params, long seed) throws Exception;
}
