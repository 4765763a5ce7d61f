package dev.quarry.automl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.automl.TestData;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the API refuses, over a real socket: no or a wrong token on every route but /health; bad
 * dataset paths, an oversized upload, malformed JSON and an unknown config key, each a 4xx in the
 * one error shape that leaves no experiment row, folder or upload behind; a 429 beyond
 * {@code --max-experiments}.
 */
@Timeout(180)
class ApiGuardsTest {

    @TempDir
    Path dir;
    Path workspace;
    ApiServer server;
    ApiClient client;
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        workspace = dir.resolve("ws");
        Files.createDirectories(workspace.resolve("data"));
        Files.copy(TestData.path("iris.csv"), workspace.resolve("data/iris.csv"));
        server = ApiServer.start(new ServerOptions("127.0.0.1", 0, workspace, 1, 64 << 10, 64 << 10, null),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        client = new ApiClient(server.port(), ApiClient.token(workspace));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyRouteButHealthNeedsTheTokenAndRefusalsAreLoggedWithoutIt() throws IOException {
        String token = ApiClient.token(workspace);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace.resolve("api-token"))));
        var anonymous = new ApiClient(server.port(), null);
        var wrong = new ApiClient(server.port(), token.substring(1) + "x");
        int checked = 0;
        for (Route route : server.router().getRoutes()) {
            if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
                continue;
            }
            String path = route.getPath().replaceAll(":[a-z]+", "x");
            for (HttpMethod method : route.methods()) {
                for (ApiClient c : List.of(anonymous, wrong)) {
                    var r = c.method(method.name(), path);
                    if (path.equals("/health")) {
                        assertEquals(200, r.status());
                    } else {
                        assertEquals(401, r.status(), method + " " + path);
                        assertEquals("unauthorized", r.error().get("code").asText(), r.text());
                        assertEquals("Authorization", r.error().get("field").asText());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 30, "routes checked: " + checked);
        assertEquals(401, anonymous.get("/api/v1/no-such-route").status(), "unknown routes are not revealed either");
        var lowerCase = client.send(client.request("/api/v1/experiments").header("Authorization", "bearer " + token).GET().build());
        assertEquals(200, lowerCase.status(), "the scheme is case-insensitive (RFC 7235)");
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("401 GET /api/v1/experiments") && logged.contains("wrong bearer token"), logged);
        assertFalse(logged.contains(token) || logged.contains(token.substring(1)), "the token never reaches the log");

        // Rotation: the old token stops working at once; the new one is in the file.
        var rotated = client.postJson("/api/v1/token/rotate", "{}");
        assertEquals(200, rotated.status());
        String fresh = rotated.json().get("token").asText();
        assertNotEquals(token, fresh);
        assertEquals(fresh, ApiClient.token(workspace));
        assertEquals(401, client.get("/api/v1/experiments").status());
        client.token(fresh);
        assertEquals(200, client.get("/api/v1/experiments").status());
        assertFalse(log.toString(StandardCharsets.UTF_8).contains(fresh));
    }

    @Test
    void badSubmissionsGetTheErrorShapeAndLeaveNothingBehind() throws IOException {
        Path outside = dir.resolve("outside.csv");
        Files.copy(TestData.path("iris.csv"), outside);
        Files.createSymbolicLink(workspace.resolve("data/link.csv"), outside);
        String good = "\"target\": \"class\"}, \"budget\": {\"maxTrials\": 2}}";
        record Case(String body, String contentType, int status, String code, String field) {
        }
        var cases = List.of(
                new Case("{\"data\": {\"train\": \"../outside.csv\", " + good, "application/json", 400, "invalid_dataset", "$.data.train"),
                new Case("{\"data\": {\"train\": \"sub/../../outside.csv\", " + good, "application/json", 400, "invalid_dataset", "$.data.train"),
                new Case("{\"data\": {\"train\": \"" + outside + "\", " + good, "application/json", 400, "invalid_dataset", "$.data.train"),
                new Case("{\"data\": {\"train\": \"link.csv\", " + good, "application/json", 400, "invalid_dataset", "$.data.train"),
                new Case("{\"data\": {\"train\": \"nope.csv\", " + good, "application/json", 400, "invalid_dataset", "$.data.train"),
                new Case("{\"data\": {\"train\": \"iris.csv\", " + good.replace("}}", "") + ",", "application/json", 400, "invalid_config", null),
                new Case("{\"data\": {\"train\": \"iris.csv\", " + good.replace("maxTrials", "maxTrails"), "application/json", 400,
                        "invalid_config", "$.budget.maxTrails"),
                new Case("data: {train: iris.csv, target: nope}\nbudget: {maxTrials: 2}\n", "application/yaml", 400,
                        "invalid_dataset", "$.data.train"),
                new Case("{\"data\": {\"train\": \"iris.csv\", \"target\": \"class\"}, \"budget\": {\"maxTrials\": 2}, "
                        + "\"workspace\": \"/tmp\"}", "application/json", 400, "invalid_config", "$.workspace"),
                new Case("data: {train: iris.csv}", "text/plain", 415, "unsupported_media_type", "Content-Type"),
                new Case("{\"data\": {\"train\": \"iris.csv\", " + good.replace("2}}", "2}, \"pad\": \"" + "x".repeat(70_000) + "\"}"),
                        "application/json", 413, "payload_too_large", null));
        for (Case c : cases) {
            var r = client.post("/api/v1/experiments", c.contentType(), c.body());
            String what = c.body().substring(0, Math.min(80, c.body().length()));
            assertEquals(c.status(), r.status(), what + " -> " + r.text());
            assertErrorShape(r.json(), c.code(), c.field(), what);
        }
        var oversized = client.postMultipart("/api/v1/experiments", "data: {train: big.csv, target: class}\nbudget: {maxTrials: 2}",
                "big.csv", new byte[200_000]);
        assertEquals(413, oversized.status(), oversized.text());
        assertErrorShape(oversized.json(), "payload_too_large", null, "oversized upload");
        var badUploadConfig = client.postMultipart("/api/v1/experiments",
                "data: {train: iris.csv, target: class}\nbudget: {maxTrails: 2}", "iris.csv", Files.readAllBytes(TestData.path("iris.csv")));
        assertEquals(400, badUploadConfig.status(), badUploadConfig.text());
        assertErrorShape(badUploadConfig.json(), "invalid_config", "$.budget.maxTrails", "upload with a bad config");
        var wrongName = client.postMultipart("/api/v1/experiments", "data: {train: other.csv, target: class}\nbudget: {maxTrials: 2}",
                "iris.csv", Files.readAllBytes(TestData.path("iris.csv")));
        assertEquals(400, wrongName.status(), wrongName.text());

        assertEquals(0, client.get("/api/v1/experiments").json().get("total").asInt(), "no experiment row");
        try (Stream<Path> runs = Files.list(workspace.resolve("runs"))) {
            assertEquals(0, runs.count(), "no experiment folder");
        }
        assertTrue(files(workspace.resolve("data/uploads")).isEmpty(), "no kept upload: " + files(workspace.resolve("data/uploads")));
        assertTrue(files(workspace.resolve(".uploads")).isEmpty(), "no partial upload: " + files(workspace.resolve(".uploads")));

        // Malformed JSON and unknown keys on the other routes too.
        assertErrorShape(client.postJson("/api/v1/models", "{\"name\": ").json(), "invalid_json", "$", "register");
        assertErrorShape(client.postJson("/api/v1/models", "{\"nam\": \"x\"}").json(), "invalid_json", "$.nam", "register");
        assertErrorShape(client.postJson("/api/v1/endpoints", "{\"model\": \"x\"}").json(), "invalid_request", "$.model", "deploy");
        assertErrorShape(client.postJson("/api/v1/endpoints", "{\"model\": \"x:1\"}").json(), "not_found", null, "deploy");
        assertErrorShape(client.get("/api/v1/experiments/nope").json(), "not_found", null, "get");
        assertErrorShape(client.get("/api/v1/experiments?limit=0").json(), "invalid_parameter", "limit", "list");
    }

    @Test
    void aSecondExperimentBeyondTheLimitGets429AndCancelStopsTheFirst() throws IOException {
        var first = client.postMultipart("/api/v1/experiments", """
                name: uploaded
                data: {train: iris.csv, target: class}
                budget: {maxDuration: 60s}
                learners: [smile.random_forest]
                executor: {type: local, parallelism: 1}
                """, "iris.csv", Files.readAllBytes(TestData.path("iris.csv")));
        assertEquals(202, first.status(), first.text());
        String id = first.json().get("id").asText();
        var second = client.post("/api/v1/experiments", "application/yaml",
                "data: {train: iris.csv, target: class}\nbudget: {maxTrials: 1}\n");
        assertEquals(429, second.status(), second.text());
        assertErrorShape(second.json(), "too_many_experiments", null, "429");

        var cancelled = client.postJson("/api/v1/experiments/" + id + "/cancel", "{}");
        assertEquals(202, cancelled.status(), cancelled.text());
        var events = client.events("/api/v1/experiments/" + id + "/events");
        assertEquals("CANCELLED", events.getLast().data().get("status").asText(), events.getLast().toString());
        var after = client.get("/api/v1/experiments/" + id);
        assertEquals("CANCELLED", after.json().get("status").asText());
        assertEquals(409, client.postJson("/api/v1/experiments/" + id + "/cancel", "{}").status());
        assertTrue(after.json().get("dataset").asText().contains("/data/uploads/"), after.text());

        // The slot is free again.
        var third = client.post("/api/v1/experiments", "application/yaml",
                "data: {train: iris.csv, target: class}\nbudget: {maxTrials: 1}\nlearners: [smile.decision_tree]\n");
        assertEquals(202, third.status(), third.text());
        client.events("/api/v1/experiments/" + third.json().get("id").asText() + "/events");
    }

    static void assertErrorShape(JsonNode body, String code, String field, String what) {
        JsonNode error = body == null ? null : body.get("error");
        assertTrue(error != null && error.isObject() && body.size() == 1, what + ": " + body);
        assertEquals(3, error.size(), what + ": " + body);
        assertEquals(code, error.get("code").asText(), what + ": " + body);
        assertFalse(error.get("message").asText().isBlank(), what);
        assertTrue(error.has("field"), what);
        if (field == null) {
            assertTrue(error.get("field").isNull(), what + ": " + body);
        } else {
            assertEquals(field, error.get("field").asText(), what + ": " + body);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
