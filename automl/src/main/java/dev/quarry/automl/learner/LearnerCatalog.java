package dev.quarry.automl.learner;

import dev.quarry.featurize.table.Task;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The learners on the classpath, found through {@link ServiceLoader} (Quarry's own are listed in
 * {@code META-INF/services/dev.quarry.automl.learner.Learner}), in name order. Immutable.
 */
public final class LearnerCatalog {

    private final List<Learner> learners;

    private LearnerCatalog(List<Learner> learners) {
        this.learners = List.copyOf(learners);
    }

    /** @return every learner the class path provides, sorted by name */
    public static LearnerCatalog load() {
        return of(ServiceLoader.load(Learner.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    /**
     * @param learners a fixed set (tests, embedding)
     * @return a catalog of them, sorted by name
     * @throws IllegalArgumentException if two share a name
     */
    public static LearnerCatalog of(List<Learner> learners) {
        var sorted = learners.stream().sorted(Comparator.comparing(Learner::name)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
                throw new IllegalArgumentException("two learners are named " + sorted.get(i).name());
            }
        }
        return new LearnerCatalog(sorted);
    }

    /** @return all learners */
    public List<Learner> all() {
        return learners;
    }

    /**
     * @param name a catalog name
     * @return the learner, if present
     */
    public Optional<Learner> find(String name) {
        return learners.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /**
     * @param task a task
     * @return the learners that support it and can run on this machine, by name
     */
    public List<Learner> forTask(Task task) {
        return learners.stream().filter(l -> l.tasks().contains(task) && l.unavailableReason().isEmpty()).toList();
    }

    /** @return the names */
    public List<String> names() {
        return learners.stream().map(Learner::name).toList();
    }
}
