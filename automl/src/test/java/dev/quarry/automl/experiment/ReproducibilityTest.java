package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.TestData;
import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.pipeline.PipelineArtifact;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One worker, the same config, data and seed: two runs write byte-identical {@code leaderboard.json}
 * and model files, over every learner in the catalog (each learner's defaults are tried first).
 * Compared: {@code leaderboard.json} and every model file but {@code lineage.json} (the experiment
 * id; its content hash is compared). Not compared, by design: {@code timings.json} (fit times,
 * predict latencies, workers), the HTML report and the resolved config (absolute paths).
 */
class ReproducibilityTest {

    @TempDir
    Path dir;

    private Path run(String name, String extraYaml) throws Exception {
        String yaml = """
                data: {train: %s, target: target}
                budget: {maxTrials: 10}
                validation: {type: holdout, fraction: 0.3}
                executor: {type: local, parallelism: 1}
                seed: 11
                %s
                """.formatted(TestData.path("blood-transfusion.csv"), extraYaml);
        var config = ConfigLoader.parse(yaml, ConfigLoader.Format.YAML, dir, "r.yaml", "r");
        var prepared = Experiments.prepare(config, "r.yaml", Instant.now());
        var workspace = Workspace.open(dir.resolve(name));
        try (var store = SqliteRunStore.open(workspace.database())) {
            var outcome = Experiments.loop(prepared, store, workspace, new ExperimentListener() { }, Instant.now(),
                    Map.of("quarry", "test")).run();
            assertTrue(outcome.model() != null, "a model was saved");
            return workspace.outputs(outcome.experimentId());
        }
    }

    /**
     * The leaderboard's and the model's files by relative path, the model's lineage left out. (The
     * other outputs are reports and records of the run: the HTML report and timings.json carry times.)
     */
    private static Map<String, byte[]> files(Path outputs) throws Exception {
        var out = new TreeMap<String, byte[]>();
        try (Stream<Path> walk = Files.walk(outputs)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = outputs.relativize(p).toString();
                boolean compared = rel.equals("leaderboard.json") || rel.startsWith("model/") && !rel.equals("model/lineage.json");
                if (compared) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private void assertSameBytes(String extraYaml) throws Exception {
        Map<String, byte[]> a = files(run("a", extraYaml));
        Map<String, byte[]> b = files(run("b", extraYaml));
        assertEquals(a.keySet(), b.keySet());
        assertTrue(a.keySet().stream().filter(k -> k.endsWith("model.bin")).count() >= 1, a.keySet().toString());
        for (String file : a.keySet()) {
            assertArrayEquals(a.get(file), b.get(file), file + " differs between the two runs");
        }
    }

    @Test
    void theEnsembleAndItsMembersFoldModelsAreByteIdentical() throws Exception {
        assertSameBytes("");
        String board = Files.readString(dir.resolve("a").resolve("runs").resolve(onlyExperiment(dir.resolve("a")))
                .resolve("outputs/leaderboard.json"));
        // the cheapest learners' defaults come first, so ten trials cover ten different learners
        long learners = new com.fasterxml.jackson.databind.ObjectMapper().readTree(board).get("entries").findValues("learner")
                .stream().map(n -> n.asText()).distinct().count();
        assertTrue(learners >= 8, learners + " learners ran");
        assertTrue(!board.contains("fitSeconds") && !board.contains("predict_p50_ms"), "no timings in leaderboard.json");
        assertTrue(board.contains("artifact_bytes") && board.contains("contentSha256"));
        assertTrue(board.contains("\"learner\" : \"stacking\""), "the stack is on the leaderboard, compared too");
    }

    @Test
    void theRefittedBestModelIsByteIdentical() throws Exception {
        assertSameBytes("ensemble: {enabled: false}");
        Path a = dir.resolve("a").resolve("runs").resolve(onlyExperiment(dir.resolve("a"))).resolve("outputs/model");
        Path b = dir.resolve("b").resolve("runs").resolve(onlyExperiment(dir.resolve("b"))).resolve("outputs/model");
        assertEquals(PipelineArtifact.contentHash(a), PipelineArtifact.contentHash(b));
        assertNotEquals(Files.readString(a.resolve("lineage.json")), Files.readString(b.resolve("lineage.json")),
                "the lineage names each run's own experiment");
        assertTrue(PipelineArtifact.read(a).info().fit().startsWith("refit on all"), PipelineArtifact.read(a).info().fit());
    }

    private static String onlyExperiment(Path workspace) throws Exception {
        try (Stream<Path> runs = Files.list(workspace.resolve("runs"))) {
            return runs.map(p -> p.getFileName().toString()).filter(n -> !n.matches(".*_\\d+")).findFirst().orElseThrow();
        }
    }
}
