package dev.quarry.automl.learner;

import dev.quarry.featurize.table.Task;
import java.util.Set;

/**
 * The fixed facts of a catalog learner (name, tasks, capabilities, cost), so each adapter states
 * them once in its constructor and implements only its space and its fit.
 */
public abstract class CatalogLearner implements Learner {

    private final String name;
    private final Set<Task> tasks;
    private final Set<Capability> capabilities;
    private final double costHint;

    /**
     * @param name the catalog name
     * @param tasks the tasks it fits
     * @param capabilities what it can do or needs
     * @param costHint its cost relative to a random forest
     */
    protected CatalogLearner(String name, Set<Task> tasks, Set<Capability> capabilities, double costHint) {
        if (!(costHint > 0)) {
            throw new IllegalArgumentException("`costHint > 0` must hold, got " + costHint + " (" + name + ")");
        }
        this.name = name;
        this.tasks = Set.copyOf(tasks);
        this.capabilities = Set.copyOf(capabilities);
        this.costHint = costHint;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Task> tasks() {
        return tasks;
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public final double costHint() {
        return costHint;
    }
}
