package dev.quarry.search.scheduler;

/** What a scheduler tells a free worker to do. */
public sealed interface Decision {

    /**
     * Start a new trial (its params come from the sampler) at this resource.
     *
     * @param resource the rung's resource
     */
    record Start(double resource) implements Decision {
    }

    /**
     * Run an existing trial again, with the same params, at a larger resource.
     *
     * @param trial the trial number
     * @param resource the next rung's resource
     */
    record Promote(int trial, double resource) implements Decision {
    }

    /** Nothing to do until a running trial reports (only when no new trial may start). */
    record Wait() implements Decision {
    }
}
