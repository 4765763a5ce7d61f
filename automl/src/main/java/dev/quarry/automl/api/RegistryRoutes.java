package dev.quarry.automl.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.automl.registry.ModelRef;
import dev.quarry.automl.registry.ModelRegistry;
import dev.quarry.automl.registry.RegisteredModel;
import dev.quarry.automl.registry.RegistryException;
import dev.quarry.runner.store.RunStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** The model registry routes under {@code /api/v1/models}: register, list, versions of a name, one version. */
final class RegistryRoutes {

    private final ModelRegistry registry;
    private final RunStore store;
    private final Blocking blocking;

    RegistryRoutes(ModelRegistry registry, RunStore store, Blocking blocking) {
        this.registry = registry;
        this.store = store;
        this.blocking = blocking;
    }

    void mount(Router router, BodyHandler jsonBody) {
        router.post("/api/v1/models").handler(jsonBody).handler(this::register);
        router.get("/api/v1/models").handler(ctx -> {
            Paging paging = Paging.of(ctx);
            blocking.json(ctx, 200, registryCall(() -> paging.page(registry.list().stream().map(RegistryRoutes::view).toList())));
        });
        router.get("/api/v1/models/:name").handler(ctx -> {
            String name = ctx.pathParam("name");
            Paging paging = Paging.of(ctx);
            blocking.json(ctx, 200, registryCall(() -> {
                var versions = registry.versions(name);
                if (versions.isEmpty()) {
                    throw ApiException.notFound("no registered model " + name);
                }
                return paging.page(versions.stream().map(RegistryRoutes::view).toList());
            }));
        });
        router.get("/api/v1/models/:name/versions/:version").handler(ctx -> {
            String name = ctx.pathParam("name");
            String version = ctx.pathParam("version");
            blocking.json(ctx, 200, registryCall(() -> {
                ModelRef ref = ModelRef.parse(name + ":" + version);
                return view(registry.find(ref).orElseThrow(() -> ApiException.notFound("no registered model " + ref)));
            }));
        });
    }

    private void register(RoutingContext ctx) {
        JsonNode body = Requests.json(ctx);
        Requests.keys(body, Set.of("name", "experiment", "trial", "description", "tags"));
        Integer trial = null;
        if (body.hasNonNull("trial")) {
            if (!body.get("trial").canConvertToInt() || !body.get("trial").isIntegralNumber()) {
                throw ApiException.badRequest("invalid_json", "expected a trial number, got "
                        + ScoringRows.describe(body.get("trial")), "$.trial");
            }
            trial = body.get("trial").intValue();
        }
        var tags = new TreeMap<String, String>();
        JsonNode t = body.get("tags");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                throw ApiException.badRequest("invalid_json", "expected tags as an object of strings, got "
                        + ScoringRows.describe(t), "$.tags");
            }
            t.properties().forEach(e -> {
                if (!e.getValue().isTextual()) {
                    throw ApiException.badRequest("invalid_json", "expected a string, got " + ScoringRows.describe(e.getValue()),
                            "$.tags." + e.getKey());
                }
                tags.put(e.getKey(), e.getValue().asText());
            });
        }
        Integer trialNumber = trial;
        blocking.json(ctx, 201, registryCall(() -> view(registry.register(new ModelRegistry.Registration(
                Requests.text(body, "name"), Requests.text(body, "experiment"), trialNumber, Requests.text(body, "description"),
                tags), store))));
    }

    /** Registry failures as API errors: invalid 400, not found 404, conflict 409, with the field at fault. */
    static Callable<Object> registryCall(Callable<Object> work) {
        return () -> {
            try {
                return work.call();
            } catch (RegistryException e) {
                int status = switch (e.kind()) {
                    case INVALID -> 400;
                    case NOT_FOUND -> 404;
                    case CONFLICT -> 409;
                };
                String code = switch (e.kind()) {
                    case INVALID -> "invalid_request";
                    case NOT_FOUND -> "not_found";
                    case CONFLICT -> "conflict";
                };
                throw new ApiException(status, code, e.getMessage(), e.field() == null ? null : "$." + e.field());
            }
        };
    }

    static Map<String, Object> view(RegisteredModel m) {
        var out = new LinkedHashMap<String, Object>();
        out.put("name", m.name());
        out.put("version", m.version());
        out.put("description", m.description());
        out.put("tags", new TreeMap<>(m.tags()));
        out.put("learner", m.learner());
        out.put("task", m.task());
        var metrics = new TreeMap<String, Object>();
        m.metrics().forEach((k, v) -> metrics.put(k, Views.number(v)));
        out.put("metrics", metrics);
        var lineage = new LinkedHashMap<String, Object>();
        lineage.put("experiment", m.experimentId());
        lineage.put("trial", m.trial());
        lineage.put("run", m.runId());
        lineage.put("dataset", m.dataset());
        lineage.put("datasetHash", m.datasetHash());
        try {
            lineage.put("config", Replies.JSON.readTree(m.configJson()));
        } catch (java.io.IOException e) {
            lineage.put("config", m.configJson());
        }
        out.put("lineage", lineage);
        out.put("fit", m.fit());
        out.put("libraryVersions", new TreeMap<>(m.libraryVersions()));
        out.put("created", m.created().toString());
        return out;
    }
}
