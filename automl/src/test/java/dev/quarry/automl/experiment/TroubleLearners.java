package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.IntDomain;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Learners that misbehave the way real ones do, for executor tests: {@code test.allocate} allocates
 * without bound, {@code test.sleep} sleeps for a minute. Registered through ServiceLoader only in
 * {@link #CLASS_PATH}, a class path entry the tests add for worker JVMs, so the catalog the rest of
 * the test suite sees is unchanged.
 */
final class TroubleLearners {

    /** The folder whose {@code META-INF/services} lists these learners. */
    static final Path CLASS_PATH = Path.of("src/test/worker-learners").toAbsolutePath();

    private TroubleLearners() {
    }

    /** Both learners. */
    static List<Learner> all() {
        return List.of(new Allocate(), new Sleep());
    }

    /** Common shape: every task, one dummy hyperparameter, cheapest first. */
    abstract static class Trouble implements Learner {
        @Override
        public Set<Task> tasks() {
            return Set.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public LearnerSpace space(Task task, int rows) {
            return new LearnerSpace(name(), List.of(new Hyperparameter("n", new IntDomain(1, 3, false), 1)));
        }

        @Override
        public double costHint() {
            return 0.001;
        }
    }

    /** Holds on to ever more memory until the heap runs out. */
    public static final class Allocate extends Trouble {
        @Override
        public String name() {
            return "test.allocate";
        }

        @Override
        public FittedModel fit(TrainingData data, Params params, long seed) {
            var hoard = new ArrayList<long[]>();
            while (true) {
                hoard.add(new long[1 << 20]);
            }
        }
    }

    /** Sleeps far past any trial timeout a test sets. */
    public static final class Sleep extends Trouble {
        @Override
        public String name() {
            return "test.sleep";
        }

        @Override
        public FittedModel fit(TrainingData data, Params params, long seed) throws InterruptedException {
            Thread.sleep(60_000);
            throw new IllegalStateException("slept a minute");
        }
    }
}
