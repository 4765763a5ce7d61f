package dev.quarry.automl.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.PipelineInfo;
import dev.quarry.automl.registry.ModelRef;
import dev.quarry.featurize.DataException;
import dev.quarry.featurize.table.Table;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deployment routes under {@code /api/v1/endpoints}: deploy a registered version, list, get,
 * remove, and score JSON rows with the same {@link dev.quarry.automl.pipeline.Pipeline} code as
 * {@code quarry predict}. In scoring-only mode the deploy and remove routes are not mounted.
 */
final class EndpointRoutes {

    private final Deployments deployments;
    private final Blocking blocking;

    EndpointRoutes(Deployments deployments, Blocking blocking) {
        this.deployments = deployments;
        this.blocking = blocking;
    }

    void mount(Router router, BodyHandler jsonBody, boolean manage) {
        if (manage) {
            router.post("/api/v1/endpoints").handler(jsonBody).handler(this::deploy);
            router.delete("/api/v1/endpoints/:name").handler(ctx -> {
                String name = ctx.pathParam("name");
                if (!deployments.remove(name)) {
                    throw ApiException.notFound("no endpoint " + name);
                }
                ctx.response().setStatusCode(204).end();
            });
        }
        router.get("/api/v1/endpoints").handler(ctx -> Replies.json(ctx, 200,
                Map.of("items", deployments.all().stream().map(EndpointRoutes::view).toList())));
        router.get("/api/v1/endpoints/:name").handler(ctx -> Replies.json(ctx, 200, view(endpoint(ctx))));
        router.post("/api/v1/endpoints/:name/score").handler(jsonBody).handler(this::score);
    }

    private void deploy(RoutingContext ctx) {
        JsonNode body = Requests.json(ctx);
        Requests.keys(body, Set.of("model", "name"));
        String model = Requests.text(body, "model");
        if (model == null) {
            throw ApiException.badRequest("invalid_json", "expected \"model\": \"name:version\" of a registered model", "$.model");
        }
        blocking.json(ctx, 201, RegistryRoutes.registryCall(() -> {
            ModelRef ref = ModelRef.parse(model);
            String name = Requests.text(body, "name") == null ? ref.name() : Requests.text(body, "name");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw ApiException.badRequest("invalid_json", "an endpoint name is 1 to 64 letters, digits, '.', '_' or '-', got '"
                        + name + "'", "$.name");
            }
            return view(deployments.deploy(name, ref));
        }));
    }

    private Deployments.Endpoint endpoint(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        return deployments.find(name).orElseThrow(() -> ApiException.notFound("no endpoint " + name));
    }

    private void score(RoutingContext ctx) {
        Deployments.Endpoint endpoint = endpoint(ctx);
        JsonNode body = Requests.json(ctx);
        blocking.json(ctx, 200, () -> {
            PipelineInfo info = endpoint.pipeline().info();
            Table table = ScoringRows.table(body, info);
            Predictions p;
            try {
                p = endpoint.pipeline().predict(table);
            } catch (DataException e) {
                throw ApiException.badRequest("invalid_input", e.getMessage(), "rows");
            }
            var out = new LinkedHashMap<String, Object>();
            out.put("endpoint", endpoint.name());
            out.put("model", endpoint.model().ref().toString());
            out.put("predictions", predictions(p, info.classes()));
            return out;
        });
    }

    /** One object per row: {@code prediction}, and for classification {@code probabilities} by class. */
    static List<Map<String, Object>> predictions(Predictions p, List<String> classes) {
        var out = new ArrayList<Map<String, Object>>(p.size());
        for (int i = 0; i < p.size(); i++) {
            var row = new LinkedHashMap<String, Object>();
            if (p.values() != null) {
                row.put("prediction", p.values()[i]);
            } else {
                row.put("prediction", classes.get(p.predictedClass(i)));
                var probabilities = new LinkedHashMap<String, Double>();
                double[] probs = p.probabilities()[i];
                for (int k = 0; k < probs.length; k++) {
                    probabilities.put(classes.get(k), probs[k]);
                }
                row.put("probabilities", probabilities);
            }
            out.add(row);
        }
        return out;
    }

    static Map<String, Object> view(Deployments.Endpoint e) {
        var out = new LinkedHashMap<String, Object>();
        out.put("name", e.name());
        out.put("model", e.model().ref().toString());
        out.put("learner", e.model().learner());
        out.put("task", e.model().task());
        var schema = new LinkedHashMap<String, Object>();
        e.pipeline().info().inputColumns().forEach((c, kind) -> schema.put(c, kind.name().toLowerCase(java.util.Locale.ROOT)));
        out.put("inputColumns", schema);
        out.put("classes", e.pipeline().info().classes());
        out.put("score", "/api/v1/endpoints/" + e.name() + "/score");
        out.put("deployed", e.deployed().toString());
        return out;
    }
}
