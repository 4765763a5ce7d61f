package dev.quarry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quarry serve} started as users start it, through the real {@code ./quarry} launcher in a
 * process of its own: an experiment posted over HTTP and followed on its event stream, its model
 * registered with {@code quarry model register} (another process, same SQLite file, while the
 * server runs), deployed and scored over HTTP, and the predictions compared with
 * {@code quarry predict} on the same rows; the token rotated by {@code quarry serve --rotate-token}
 * is honoured by the running server; then the scoring-only mode serving the registered model alone.
 */
@Timeout(600)
class ServeLauncherTest {

    private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** A {@code quarry serve} process and the port it reported. */
    record Server(Process process, int port, Path out) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static Server serve(Path workDir, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("bash", Project.root().resolve("quarry").toString(), "serve", "--port", "0"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "serve", ".out");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(workDir.resolve("serve.err").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(out));
            if (m.find()) {
                return new Server(p, Integer.parseInt(m.group(1)), out);
            }
            if (!p.isAlive()) {
                throw new AssertionError("quarry serve exited with " + p.exitValue() + ": " + Files.readString(out)
                        + Files.readString(workDir.resolve("serve.err")));
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("quarry serve did not report its port");
    }

    HttpResponse<String> call(int port, String token, String method, String path, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anExperimentOverHttpIsRegisteredDeployedAndScoredLikeQuarryPredict(@TempDir Path tmp) throws Exception {
        Path workspace = tmp.resolve("ws");
        Files.createDirectories(workspace.resolve("data"));
        Path csv = workspace.resolve("data/iris.csv");
        Files.copy(Project.dataset("iris.csv"), csv);
        String id;
        String token;
        JsonNode served;
        try (Server server = serve(tmp, "--workspace", workspace.toString())) {
            assertTrue(Files.readString(server.out()).contains("API token: new, in " + workspace.resolve("api-token")),
                    Files.readString(server.out()));
            token = Files.readString(workspace.resolve("api-token")).strip();
            assertTrue(!Files.readString(server.out()).contains(token), "the token is never printed");
            var submitted = call(server.port(), token, "POST", "/api/v1/experiments", """
                    {"name": "iris", "data": {"train": "iris.csv", "target": "class"}, "metric": "accuracy",
                     "budget": {"maxTrials": 3}, "learners": ["smile.decision_tree", "smile.logistic_regression"],
                     "executor": {"type": "local", "parallelism": 1}}""");
            assertEquals(202, submitted.statusCode(), submitted.body());
            id = JSON.readTree(submitted.body()).get("id").asText();

            var events = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/v1/experiments/" + id + "/events")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofLines());
            List<String> types = new ArrayList<>();
            JsonNode last = null;
            try (Stream<String> lines = events.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.startsWith("event: ")) {
                        types.add(line.substring(7));
                    } else if (line.startsWith("data: ")) {
                        last = JSON.readTree(line.substring(6));
                    }
                }
            }
            assertEquals("finished", types.getLast(), types.toString());
            assertTrue(types.contains("trial_started") && types.contains("trial_finished") && types.contains("new_leader"),
                    types.toString());
            assertEquals("COMPLETED", last.get("status").asText(), last.toString());

            var register = Project.quarry(tmp, 300, "model", "register", "iris", "--experiment", id, "--workspace",
                    workspace.toString(), "--tag", "stage=test", "--description", "from the launcher test");
            assertEquals(0, register.exitCode(), register.out() + register.err());
            assertTrue(register.out().contains("Registered iris:1"), register.out());
            var show = Project.quarry(tmp, 300, "model", "show", "iris:1", "--workspace", workspace.toString());
            assertTrue(show.out().contains("experiment " + id) && show.out().contains("stage=test"), show.out());

            var got = call(server.port(), token, "GET", "/api/v1/models/iris/versions/1", null);
            assertEquals(200, got.statusCode(), got.body());
            var deployed = call(server.port(), token, "POST", "/api/v1/endpoints", "{\"model\": \"iris:1\"}");
            assertEquals(201, deployed.statusCode(), deployed.body());

            String rows = rows(csv);
            var scored = call(server.port(), token, "POST", "/api/v1/endpoints/iris/score", rows);
            assertEquals(200, scored.statusCode(), scored.body());
            served = JSON.readTree(scored.body()).get("predictions");
            assertSameAsQuarryPredict(tmp, workspace, csv, served);

            var rotate = Project.quarry(tmp, 300, "serve", "--rotate-token", "--workspace", workspace.toString());
            assertEquals(0, rotate.exitCode(), rotate.err());
            String fresh = Files.readString(workspace.resolve("api-token")).strip();
            assertEquals(401, call(server.port(), token, "GET", "/api/v1/experiments", null).statusCode());
            assertEquals(200, call(server.port(), fresh, "GET", "/api/v1/experiments", null).statusCode());
            token = fresh;
        }

        try (Server scoring = serve(tmp, "--workspace", workspace.toString(), "--model", "iris:1")) {
            var scored = call(scoring.port(), token, "POST", "/api/v1/endpoints/iris/score", rows(csv));
            assertEquals(200, scored.statusCode(), scored.body());
            assertEquals(served, JSON.readTree(scored.body()).get("predictions"), "the same model scores the same");
            var experiments = call(scoring.port(), token, "GET", "/api/v1/experiments", null);
            assertEquals(404, experiments.statusCode(), "scoring-only mode has no experiment routes");
            assertEquals(405, call(scoring.port(), token, "POST", "/api/v1/endpoints", "{\"model\": \"iris:1\"}").statusCode(),
                    "nor deployment");
        }
    }

    private static void assertSameAsQuarryPredict(Path tmp, Path workspace, Path csv, JsonNode predictions) throws Exception {
        Path out = tmp.resolve("predicted.csv");
        var predict = Project.quarry(tmp, 300, "predict", "--model", workspace.resolve("registry/iris/1/model").toString(),
                "--input", csv.toString(), "--output", out.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        List<String> lines = Files.readAllLines(out);
        String[] header = lines.getFirst().split(",");
        assertEquals(lines.size() - 1, predictions.size());
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            JsonNode p = predictions.get(i - 1);
            assertEquals(cells[0], p.get("prediction").asText(), "row " + i);
            for (int k = 1; k < header.length; k++) {
                assertEquals(Double.parseDouble(cells[k]),
                        p.get("probabilities").get(header[k].substring("probability_".length())).doubleValue(), 0.0, "row " + i);
            }
        }
    }

    /** iris.csv's rows as a scoring body: four numeric columns, the class left in (it is ignored). */
    private static String rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.getFirst().split(",");
        ObjectNode body = JSON.createObjectNode();
        var rows = body.putArray("rows");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            ObjectNode row = rows.addObject();
            for (int j = 0; j < header.length; j++) {
                if (header[j].equals("class")) {
                    row.put(header[j], cells[j]);
                } else {
                    row.put(header[j], Double.parseDouble(cells[j]));
                }
            }
        }
        return JSON.writeValueAsString(body);
    }
}
