package dev.quarry.automl.api;

import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineArtifact;
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
 * into memory. Endpoints last as long as the server (deploy again after a restart). Deploying
 * under a name already in use replaces it; requests already scoring finish on the old model.
 * Thread-safe.
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
    private final ConcurrentHashMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    Deployments(ModelRegistry registry) {
        this.registry = registry;
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
        endpoints.put(name, endpoint);
        return endpoint;
    }

    Optional<Endpoint> find(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    boolean remove(String name) {
        return endpoints.remove(name) != null;
    }

    List<Endpoint> all() {
        Collection<Endpoint> values = endpoints.values();
        return values.stream().sorted(Comparator.comparing(Endpoint::name)).toList();
    }
}
