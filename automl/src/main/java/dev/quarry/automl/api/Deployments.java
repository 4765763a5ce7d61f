package dev.quarry.automl.api;

import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineArtifact;
import dev.quarry.automl.registry.Deployment;
import dev.quarry.automl.registry.ModelRef;
import dev.quarry.automl.registry.ModelRegistry;
import dev.quarry.automl.registry.RegisteredModel;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scoring endpoints this server has deployed, each a registered model version loaded once
 * into memory. In the full server, deployments are recorded in the workspace's registry and a
 * server started later on the same workspace deploys them again ({@link #restore}); the
 * scoring-only server's one endpoint is not recorded. Deploying under a name already in use
 * replaces it; requests already scoring finish on the old model. Thread-safe.
 */
final class Deployments {

    /**
     * A deployed endpoint.
     *
     * @param name the endpoint name (the path segment of its score route)
     * @param model the registered version it serves
     * @param pipeline the loaded model
     * @param deployed when
     */
    record Endpoint(String name, RegisteredModel model, Pipeline pipeline, Instant deployed) {
    }

    private final ModelRegistry registry;
    private final boolean recorded;
    private final ConcurrentHashMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    /**
     * @param registry where versions (and, if recorded, deployments) are
     * @param recorded whether deployments are recorded in the registry, to survive a restart
     */
    Deployments(ModelRegistry registry, boolean recorded) {
        this.registry = registry;
        this.recorded = recorded;
    }

    /**
     * Deploys again every deployment recorded in the registry. One whose version can no longer be
     * loaded is reported to {@code log} by name and left recorded, so that nothing is lost silently.
     *
     * @param log where failures are reported
     * @return how many endpoints were deployed
     */
    int restore(java.io.PrintStream log) {
        int restored = 0;
        for (Deployment d : registry.deployments()) {
            try {
                RegisteredModel model = registry.find(d.model()).orElseThrow(() -> ApiException.notFound(
                        "no registered model " + d.model()));
                endpoints.put(d.endpoint(), new Endpoint(d.endpoint(), model, PipelineArtifact.read(model.artifact()),
                        d.deployed()));
                restored++;
            } catch (RuntimeException e) {
                log.println("quarry serve: endpoint " + d.endpoint() + " (" + d.model() + ") was not deployed again: "
                        + e.getMessage());
            }
        }
        return restored;
    }

    /**
     * Loads a registered version and serves it. Blocking (reads the model).
     *
     * @param name the endpoint name
     * @param ref the version
     * @return the endpoint
     * @throws ApiException 404 if the version is not registered
     */
    Endpoint deploy(String name, ModelRef ref) {
        RegisteredModel model = registry.find(ref).orElseThrow(() -> ApiException.notFound("no registered model " + ref));
        var endpoint = new Endpoint(name, model, PipelineArtifact.read(model.artifact()), Instant.now());
        if (recorded) {
            registry.saveDeployment(new Deployment(name, ref, endpoint.deployed()));
        }
        endpoints.put(name, endpoint);
        return endpoint;
    }

    Optional<Endpoint> find(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    boolean remove(String name) {
        boolean removed = endpoints.remove(name) != null;
        if (recorded) {
            removed |= registry.removeDeployment(name);
        }
        return removed;
    }

    List<Endpoint> all() {
        Collection<Endpoint> values = endpoints.values();
        return values.stream().sorted(Comparator.comparing(Endpoint::name)).toList();
    }
}
