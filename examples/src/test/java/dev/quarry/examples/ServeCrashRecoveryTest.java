package dev.quarry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.SqliteRunStore;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quarry serve} killed with SIGKILL while an experiment it runs is mid-way: the run history
 * is left saying RUNNING, which is a lie once the process is gone. The next {@code quarry serve} on
 * the workspace records it INTERRUPTED (with its best child run so far, and how to resume it) before
 * it answers any request, refuses to cancel it, and {@code quarry resume} still finishes it with
 * every trial recorded once.
 */
@Timeout(600)
class ServeCrashRecoveryTest {

    private static final int TRIALS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode call(int port, String token, String method, String path, int expected) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void aServerKilledMidExperimentLeavesItInterruptedAndResumable(@TempDir Path tmp) throws Exception {
        Path workspace = tmp.resolve("ws");
        Files.createDirectories(workspace.resolve("data"));
        Files.copy(Project.dataset("iris.csv"), workspace.resolve("data/iris.csv"));
        String id;
        String token;
        var first = ServeLauncherTest.serve(tmp, "--workspace", workspace.toString());
        try {
            token = Files.readString(workspace.resolve("api-token")).strip();
            var submit = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.port() + "/api/v1/experiments"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"name": "crash", "data": {"train": "iris.csv", "target": "class"}, "metric": "accuracy",
                             "budget": {"maxTrials": %d}, "seed": 5,
                             "learners": ["smile.decision_tree", "smile.logistic_regression"],
                             "executor": {"type": "local", "parallelism": 1}}""".formatted(TRIALS))).build();
            var submitted = http.send(submit, HttpResponse.BodyHandlers.ofString());
            assertEquals(202, submitted.statusCode(), submitted.body());
            id = JSON.readTree(submitted.body()).get("id").asText();
            awaitFinishedRuns(first.port(), token, id, 3);
        } finally {
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, the experiment cannot record an end
        }
        assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, first.process().exitValue(), "killed by SIGKILL");
        int finishedBefore;
        try (var store = SqliteRunStore.open(workspace.resolve("quarry.db"))) {
            assertEquals(ExperimentStatus.RUNNING, store.experiment(id).orElseThrow().status(),
                    "the dead server's experiment is left RUNNING in the run history");
            finishedBefore = (int) store.trials(id).stream().filter(t -> t.state() != dev.quarry.search.history.TrialState.RUNNING)
                    .count();
            assertTrue(finishedBefore >= 3 && finishedBefore < TRIALS, "killed mid-experiment: " + finishedBefore);
        }

        try (var second = ServeLauncherTest.serve(tmp, "--workspace", workspace.toString())) {
            JsonNode e = call(second.port(), token, "GET", "/api/v1/experiments/" + id, 200);
            assertEquals("INTERRUPTED", e.get("status").asText(), e.toString());
            assertTrue(e.get("stopReason").asText().contains("quarry resume " + id), e.toString());
            assertFalse(e.get("finished").isNull(), "an interrupted experiment has an end time: " + e);
            assertFalse(e.get("best").get("trial").isNull(), "the best child run so far is recorded: " + e);
            String log = Files.readString(tmp.resolve("serve.err"));
            assertTrue(log.contains("experiment " + id + " (crash) was left RUNNING by a process that stopped; recorded "
                    + "INTERRUPTED"), log);
            JsonNode listed = call(second.port(), token, "GET", "/api/v1/experiments", 200);
            assertTrue(listed.toString().contains("\"INTERRUPTED\""), listed.toString());
            call(second.port(), token, "POST", "/api/v1/experiments/" + id + "/cancel", 409);

            // Resumed from the CLI while the server runs: the same SQLite file, another process.
            var resume = Project.quarry(tmp, 300, "resume", id, "--workspace", workspace.toString(), "--no-progress");
            assertEquals(0, resume.exitCode(), resume.out() + resume.err());
            JsonNode done = call(second.port(), token, "GET", "/api/v1/experiments/" + id, 200);
            assertEquals("COMPLETED", done.get("status").asText(), done.toString());
            JsonNode runs = call(second.port(), token, "GET", "/api/v1/experiments/" + id + "/runs?limit=100", 200);
            List<Integer> numbers = new ArrayList<>();
            for (JsonNode r : runs.get("items")) {
                if (!r.get("worker").asText().equals("coordinator")) { // not the ensemble or stacking run built at the end
                    numbers.add(r.get("trial").asInt());
                }
            }
            assertEquals(IntStream.range(0, TRIALS).boxed().toList(), numbers, "every trial once, none missing: " + runs
                    + "\nresume printed: " + resume.out());
        }
    }

    /** Polls the run history over HTTP until {@code n} child runs have finished. */
    private void awaitFinishedRuns(int port, String token, String id, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/experiments/" + id
                    + "/runs?limit=100")).header("Authorization", "Bearer " + token).build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) { // accepted, not yet recorded by its loop
                Thread.sleep(50);
                continue;
            }
            assertEquals(200, response.statusCode(), response.body());
            JsonNode runs = JSON.readTree(response.body());
            int finished = 0;
            for (JsonNode r : runs.get("items")) {
                if (!r.get("state").asText().equals("RUNNING")) {
                    finished++;
                }
            }
            if (finished >= n) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("experiment " + id + " did not finish " + n + " child runs");
    }
}
