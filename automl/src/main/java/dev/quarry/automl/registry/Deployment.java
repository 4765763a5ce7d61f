package dev.quarry.automl.registry;

import java.time.Instant;

/**
 * A scoring endpoint as the registry records it: which registered version it serves, since when.
 * Recorded so that {@code quarry serve} deploys it again after a restart.
 *
 * @param endpoint the endpoint name (the path segment of its score route)
 * @param model the registered version it serves
 * @param deployed when it was deployed
 */
public record Deployment(String endpoint, ModelRef model, Instant deployed) {

    /** Validates. */
    public Deployment {
        ModelRegistry.checkName(endpoint, "endpoint");
        if (model == null || deployed == null) {
            throw new IllegalArgumentException("a deployment needs a model version and an instant, got " + model + ", " + deployed);
        }
    }
}
