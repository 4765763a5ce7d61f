package dev.quarry.automl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.quarry.automl.TestData;
import dev.quarry.automl.cli.QuarryCli;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document matches the router both ways: every operation it lists is a route, every
 * route is an operation; and in scoring-only mode, the routes are exactly the operations marked
 * {@code x-quarry-scoring}.
 */
@Timeout(180)
class OpenApiDocumentTest {

    static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options");

    @TempDir
    Path dir;

    @Test
    void everyDocumentedOperationIsARouteAndEveryRouteIsDocumented() throws Exception {
        JsonNode doc = new YAMLMapper().readTree(ApiServer.resource(ApiServer.OPENAPI_RESOURCE));
        assertTrue(doc.get("openapi").asText().startsWith("3."), "an OpenAPI 3 document");
        Path workspace = dir.resolve("ws");
        try (ApiServer full = ApiServer.start(ServerOptions.defaults(workspace), new PrintStream(System.err, true))) {
            assertEquals(operations(doc, false), routes(full), "full mode: document (left) against router (right)");
            // The document served is this one.
            var client = new ApiClient(full.port(), ApiClient.token(workspace));
            assertEquals(ApiServer.resource(ApiServer.OPENAPI_RESOURCE), client.get("/api/v1/openapi.yaml").text());
        }
        Path model = registerAModel(workspace);
        try (ApiServer scoring = ApiServer.start(new ServerOptions("127.0.0.1", 0, workspace, 1, 1 << 20, 1 << 20,
                dev.quarry.automl.registry.ModelRef.parse("iris:1")), new PrintStream(System.err, true))) {
            assertEquals(operations(doc, true), routes(scoring), "scoring-only mode: document against router");
        }
        assertTrue(Files.isDirectory(model));
    }

    /** "METHOD /path" for each operation, path parameters written {x}. */
    static Set<String> operations(JsonNode doc, boolean scoringOnly) {
        var out = new TreeSet<String>();
        for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> keys = doc.get("paths").get(path).fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                JsonNode op = doc.get("paths").get(path).get(key);
                if (METHODS.contains(key) && (!scoringOnly || op.path("x-quarry-scoring").asBoolean(false))) {
                    out.add(key.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return out;
    }

    static Set<String> routes(ApiServer server) {
        var out = new TreeSet<String>();
        for (Route route : server.router().getRoutes()) {
            // Routes without methods are the middleware (the token check on /api/*, the failure handler).
            if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
                continue;
            }
            for (HttpMethod m : route.methods()) {
                out.add(m.name() + " " + route.getPath().replaceAll(":([A-Za-z]+)", "{$1}"));
            }
        }
        return out;
    }

    /** A quick real experiment through the CLI and its model registered, for the scoring-only server. */
    private Path registerAModel(Path workspace) throws Exception {
        Path config = dir.resolve("iris.yaml");
        Files.writeString(config, """
                data: {train: %s, target: class}
                budget: {maxTrials: 1}
                learners: [smile.decision_tree]
                executor: {type: local, parallelism: 1}
                """.formatted(TestData.path("iris.csv")));
        assertEquals(0, cli("run", config.toString(), "--workspace", workspace.toString(), "--no-progress"));
        String id;
        try (Stream<Path> runs = Files.list(workspace.resolve("runs"))) {
            id = runs.map(p -> p.getFileName().toString()).filter(n -> !n.matches(".*_\\d+")).findFirst().orElseThrow();
        }
        assertEquals(0, cli("model", "register", "iris", "--experiment", id, "--workspace", workspace.toString()));
        var out = new StringWriter();
        var cmd = QuarryCli.commandLine();
        cmd.setOut(new PrintWriter(out));
        assertEquals(0, cmd.execute("model", "list", "--workspace", workspace.toString()));
        assertTrue(out.toString().contains("iris:1") && out.toString().contains(id), out.toString());
        return workspace.resolve("registry/iris/1/model");
    }

    private static int cli(String... args) {
        var cmd = QuarryCli.commandLine();
        var err = new StringWriter();
        cmd.setOut(new PrintWriter(new StringWriter()));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        if (code != 0) {
            System.err.println(err);
        }
        return code;
    }

}
