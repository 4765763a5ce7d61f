package dev.quarry.automl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.automl.TestData;
import dev.quarry.automl.cli.QuarryCli;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over a real socket, the server started in-process the way {@code quarry serve} starts
 * it: an experiment posted as YAML and followed on its event stream to the end, its best model
 * registered and deployed, and rows scored over HTTP equal to {@code quarry predict} on the same rows.
 */
@Timeout(180)
class ApiEndToEndTest {

    @TempDir
    static Path dir;
    static ApiServer server;
    static ApiClient client;
    static Path workspace;

    @BeforeAll
    static void start() throws Exception {
        workspace = dir.resolve("ws");
        Files.createDirectories(workspace.resolve("data"));
        Files.copy(TestData.path("credit-g.csv"), workspace.resolve("data/credit-g.csv"));
        server = ApiServer.start(ServerOptions.defaults(workspace), new PrintStream(System.err, true));
        client = new ApiClient(server.port(), ApiClient.token(workspace));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void experimentFollowedLiveThenRegisteredDeployedAndScoredLikeQuarryPredict() throws Exception {
        var submitted = client.post("/api/v1/experiments", "application/yaml", """
                name: credit
                data: {train: credit-g.csv, target: class}
                metric: auc
                budget: {maxTrials: 4}
                learners: [smile.decision_tree, tribuo.liblinear]
                validation: {type: kfold, folds: 3}
                executor: {type: local, parallelism: 1}
                """);
        assertEquals(202, submitted.status(), submitted.text());
        String id = submitted.json().get("id").asText();
        assertTrue(id.startsWith("credit-"), id);

        List<ApiClient.Event> events = client.events("/api/v1/experiments/" + id + "/events");
        List<String> types = events.stream().map(ApiClient.Event::type).toList();
        assertEquals("started", types.getFirst(), types.toString());
        assertEquals("finished", types.getLast(), types.toString());
        assertEquals(4, types.stream().filter("trial_started"::equals).count(), types.toString());
        assertTrue(types.stream().filter("trial_finished"::equals).count() >= 4, types.toString());
        assertTrue(types.contains("new_leader"), types.toString());
        // Each trial's start comes before its finish.
        for (int trial = 0; trial < 4; trial++) {
            int t = trial;
            int start = indexOf(events, "trial_started", t);
            int end = indexOf(events, "trial_finished", t);
            assertTrue(start >= 0 && start < end, "trial " + t + ": " + types);
        }
        JsonNode finished = events.getLast().data();
        assertEquals("COMPLETED", finished.get("status").asText(), finished.toString());
        assertTrue(finished.get("model").asBoolean());

        var got = client.get("/api/v1/experiments/" + id);
        assertEquals(200, got.status(), got.text());
        assertEquals("COMPLETED", got.json().get("status").asText());
        assertEquals("reached maxTrials", got.json().get("stopReason").asText());
        assertEquals(finished.get("bestTrial").asInt(), got.json().get("best").get("trial").asInt());
        assertTrue(got.json().get("elapsedSeconds").asDouble() > 0);
        assertEquals(4, got.json().get("progress").get("trialsFinished").asInt() - ensembles(events));

        var listed = client.get("/api/v1/experiments?limit=1");
        assertEquals(1, listed.json().get("total").asInt());
        assertEquals(id, listed.json().get("items").get(0).get("id").asText());

        var runs = client.get("/api/v1/experiments/" + id + "/runs?sort=accuracy&limit=2");
        assertEquals(200, runs.status(), runs.text());
        assertEquals(2, runs.json().get("items").size());
        assertTrue(runs.json().get("total").asInt() >= 4);
        double first = runs.json().get("items").get(0).get("metrics").get("accuracy").asDouble();
        double second = runs.json().get("items").get(1).get("metrics").get("accuracy").asDouble();
        assertTrue(first >= second, "accuracy sorts best first: " + runs.text());
        var all = client.get("/api/v1/experiments/" + id + "/runs?sort=accuracy&order=asc&limit=1000");
        JsonNode items = all.json().get("items");
        assertEquals(all.json().get("total").asInt(), items.size());
        assertTrue(items.get(0).get("metrics").get("accuracy").asDouble()
                <= items.get(items.size() - 1).get("metrics").get("accuracy").asDouble());
        var badSort = client.get("/api/v1/experiments/" + id + "/runs?sort=nope");
        assertEquals(400, badSort.status());
        assertEquals("sort", badSort.error().get("field").asText());

        var board = client.get("/api/v1/experiments/" + id + "/leaderboard");
        assertEquals(200, board.status());
        assertEquals("auc", board.json().get("metric").asText());
        assertEquals(1, board.json().get("entries").get(0).get("rank").asInt());

        // The experiment loop writes its HTML report (issue 8); the API serves that file as it is on disk.
        var report = client.get("/api/v1/experiments/" + id + "/report");
        assertEquals(200, report.status());
        assertEquals(Files.readString(workspace.resolve("runs").resolve(id).resolve("outputs/report.html")), report.text());
        assertTrue(report.text().contains("id=\"quarry-data\"") && report.text().contains(id), "the experiment's report");
        Files.delete(workspace.resolve("runs").resolve(id).resolve("outputs/report.html"));
        var noReport = client.get("/api/v1/experiments/" + id + "/report");
        assertEquals(404, noReport.status(), "no report file, no report");
        assertEquals("not_found", noReport.error().get("code").asText());

        var zip = client.send(client.request("/api/v1/experiments/" + id + "/artifact").GET().build());
        assertEquals(200, zip.status());

        // Register the best model twice: versions count up; the copy outlives the experiment's folder.
        var registered = client.postJson("/api/v1/models", Map.of("name", "credit", "experiment", id,
                "description", "first", "tags", Map.of("team", "risk")));
        assertEquals(201, registered.status(), registered.text());
        assertEquals(1, registered.json().get("version").asInt());
        assertEquals(id, registered.json().get("lineage").get("experiment").asText());
        assertEquals(64, registered.json().get("lineage").get("datasetHash").asText().length());
        assertTrue(registered.json().get("lineage").get("config").has("config"));
        assertEquals("6.2.5", registered.json().get("libraryVersions").get("smile").asText());
        assertTrue(registered.json().get("metrics").has("auc"));
        var again = client.postJson("/api/v1/models", Map.of("name", "credit", "experiment", id));
        assertEquals(2, again.json().get("version").asInt(), again.text());
        assertEquals(2, client.get("/api/v1/models/credit").json().get("total").asInt());
        assertEquals("risk", client.get("/api/v1/models/credit/versions/1").json().get("tags").get("team").asText());
        assertEquals(404, client.get("/api/v1/models/credit/versions/9").status());

        // Any completed child run can be registered: one the experiment did not save is refitted on all rows.
        int best = finished.get("bestTrial").asInt();
        int other = best == 0 ? 1 : 0;
        var child = client.postJson("/api/v1/models", Map.of("name", "credit-child", "experiment", id, "trial", other));
        assertEquals(201, child.status(), child.text());
        assertEquals(other, child.json().get("lineage").get("trial").asInt());
        assertTrue(child.json().get("fit").asText().contains("at registration"), child.text());
        var noRun = client.postJson("/api/v1/models", Map.of("name", "credit-child", "experiment", id, "trial", 99));
        assertEquals(404, noRun.status(), noRun.text());
        assertEquals("$.trial", noRun.error().get("field").asText());
        assertEquals(201, client.postJson("/api/v1/endpoints", Map.of("model", "credit-child:1", "name", "child")).status());

        var deployed = client.postJson("/api/v1/endpoints", Map.of("model", "credit:1"));
        assertEquals(201, deployed.status(), deployed.text());
        assertEquals("credit", deployed.json().get("name").asText());

        // Score every row of the CSV as JSON and compare with quarry predict on the same file.
        Path csv = workspace.resolve("data/credit-g.csv");
        ObjectNode body = rowsOf(csv, deployed.json().get("inputColumns"));
        var scored = client.postJson("/api/v1/endpoints/credit/score", body);
        assertEquals(200, scored.status(), scored.text().substring(0, Math.min(500, scored.text().length())));
        Path predicted = dir.resolve("predicted.csv");
        var err = new StringWriter();
        var cli = QuarryCli.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        Path registeredModel = workspace.resolve("registry/credit/1/model");
        assertEquals(0, cli.execute("predict", "--model", registeredModel.toString(), "--input", csv.toString(), "--output",
                predicted.toString()), err.toString());
        List<String> lines = Files.readAllLines(predicted);
        JsonNode predictions = scored.json().get("predictions");
        assertEquals(lines.size() - 1, predictions.size());
        String[] header = lines.getFirst().split(",");
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            JsonNode p = predictions.get(i - 1);
            assertEquals(cells[0], p.get("prediction").asText(), "row " + i);
            for (int k = 1; k < header.length; k++) {
                String label = header[k].substring("probability_".length());
                assertEquals(Double.parseDouble(cells[k]), p.get("probabilities").get(label).doubleValue(), 0.0,
                        "row " + i + " " + label);
            }
        }

        // The input schema: missing column, wrong type, unseen shape, each naming the field.
        ObjectNode missing = rowsOf(csv, deployed.json().get("inputColumns"));
        ((ObjectNode) missing.get("rows").get(3)).remove("age");
        var noAge = client.postJson("/api/v1/endpoints/credit/score", missing);
        assertEquals(400, noAge.status());
        assertEquals("rows[3].age", noAge.error().get("field").asText());
        ObjectNode wrongType = rowsOf(csv, deployed.json().get("inputColumns"));
        ((ObjectNode) wrongType.get("rows").get(0)).put("age", "old");
        var typed = client.postJson("/api/v1/endpoints/credit/score", wrongType);
        assertEquals(400, typed.status());
        assertEquals("rows[0].age", typed.error().get("field").asText());
        assertTrue(typed.error().get("message").asText().contains("numeric"), typed.text());
        ObjectNode categorical = rowsOf(csv, deployed.json().get("inputColumns"));
        ((ObjectNode) categorical.get("rows").get(1)).put("purpose", 7);
        assertEquals("rows[1].purpose", client.postJson("/api/v1/endpoints/credit/score", categorical).error().get("field").asText());
        for (String shape : List.of("[1, 2]", "{\"rows\": {}}", "{\"rows\": [1]}", "{\"rows\": []}", "{\"rows\": [{}")) {
            var r = client.postJson("/api/v1/endpoints/credit/score", shape);
            assertEquals(400, r.status(), shape + " -> " + r.text());
            assertNotNull(r.error().get("field").asText(), shape);
        }
        assertEquals(404, client.postJson("/api/v1/endpoints/nope/score", body).status());
        var byChild = client.postJson("/api/v1/endpoints/child/score", body);
        assertEquals(200, byChild.status(), byChild.text().substring(0, Math.min(300, byChild.text().length())));
        assertEquals(predictions.size(), byChild.json().get("predictions").size());

        // Deployments survive a restart of the server on the same workspace; a removed one does not come back.
        assertEquals(204, client.method("DELETE", "/api/v1/endpoints/child").status());
        server.close();
        server = ApiServer.start(ServerOptions.defaults(workspace), new PrintStream(System.err, true));
        client = new ApiClient(server.port(), ApiClient.token(workspace));
        var restored = client.get("/api/v1/endpoints");
        assertEquals(200, restored.status(), restored.text());
        assertEquals(1, restored.json().get("items").size(), restored.text());
        assertEquals("credit", restored.json().get("items").get(0).get("name").asText());
        assertEquals(404, client.postJson("/api/v1/endpoints/child/score", body).status());
        var restoredScores = client.postJson("/api/v1/endpoints/credit/score", body);
        assertEquals(200, restoredScores.status());
        assertEquals(predictions, restoredScores.json().get("predictions"), "the restored endpoint serves the same model");
    }

    @Test
    void healthNeedsNoTokenAndTheOpenApiDocumentIsServed() {
        var anonymous = new ApiClient(server.port(), null);
        var health = anonymous.get("/health");
        assertEquals(200, health.status());
        assertEquals("ok", health.json().get("status").asText());
        var doc = client.get("/api/v1/openapi.yaml");
        assertEquals(200, doc.status());
        assertTrue(doc.text().startsWith("openapi: 3"), doc.text());
        var unknown = client.get("/api/v1/nothing-here");
        assertEquals(404, unknown.status());
        assertFalse(unknown.error().isNull());
    }

    private static int indexOf(List<ApiClient.Event> events, String type, int trial) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type().equals(type) && events.get(i).data().get("trial").asInt() == trial) {
                return i;
            }
        }
        return -1;
    }

    private static int ensembles(List<ApiClient.Event> events) {
        return (int) events.stream().filter(e -> e.type().equals("trial_finished")
                && dev.quarry.automl.experiment.ExperimentLoop.isEnsemble(e.data().get("learner").asText())).count();
    }

    /** The CSV's rows as JSON: numeric columns as numbers, categorical ones as strings, the target left out. */
    static ObjectNode rowsOf(Path csv, JsonNode inputColumns) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.getFirst().split(",", -1);
        ObjectNode body = ApiClient.JSON.createObjectNode();
        var rows = body.putArray("rows");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = splitCsv(line);
            ObjectNode row = rows.addObject();
            for (int j = 0; j < header.length; j++) {
                JsonNode kind = inputColumns.get(header[j]);
                if (kind == null) {
                    continue;
                }
                if (kind.asText().equals("numeric")) {
                    row.put(header[j], Double.parseDouble(cells[j]));
                } else {
                    row.put(header[j], cells[j]);
                }
            }
        }
        return body;
    }

    /** Enough CSV for these datasets: quoted fields without embedded quotes. */
    private static String[] splitCsv(String line) {
        var out = new ArrayList<String>();
        var cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out.toArray(String[]::new);
    }
}
