package dev.quarry.automl.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.TestData;
import dev.quarry.automl.cli.QuarryCli;
import dev.quarry.automl.pipeline.PipelineArtifact;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry on a real workspace: versions count up under concurrency, and a version outlives its experiment. */
class ModelRegistryTest {

    @TempDir
    static Path dir;
    static Workspace workspace;
    static String experiment;

    @BeforeAll
    static void runAnExperiment() throws Exception {
        Path config = dir.resolve("iris.yaml");
        Files.writeString(config, """
                data: {train: %s, target: class}
                budget: {maxTrials: 2}
                learners: [smile.decision_tree]
                executor: {type: local, parallelism: 1}
                """.formatted(TestData.path("iris.csv")));
        var cmd = QuarryCli.commandLine();
        var err = new StringWriter();
        cmd.setOut(new PrintWriter(new StringWriter()));
        cmd.setErr(new PrintWriter(err));
        assertEquals(0, cmd.execute("run", config.toString(), "--workspace", dir.resolve("ws").toString(), "--no-progress"),
                err.toString());
        workspace = Workspace.open(dir.resolve("ws"));
        try (Stream<Path> runs = Files.list(workspace.root().resolve("runs"))) {
            experiment = runs.map(p -> p.getFileName().toString()).filter(n -> !n.matches(".*_\\d+")).findFirst().orElseThrow();
        }
    }

    @Test
    void concurrentRegistrationsFromSeparateConnectionsGetDistinctVersions() throws Exception {
        int n = 6;
        var pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> versions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Integer> register = () -> {
                    try (var store = SqliteRunStore.open(workspace.database()); var registry = ModelRegistry.open(workspace)) {
                        return registry.register(new ModelRegistry.Registration("race", experiment, null, null, Map.of()), store)
                                .version();
                    }
                };
                versions.add(pool.submit(register));
            }
            Set<Integer> got = new TreeSet<>();
            for (Future<Integer> v : versions) {
                got.add(v.get());
            }
            assertEquals(Set.of(1, 2, 3, 4, 5, 6), got);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRegisteredVersionOutlivesItsExperimentsFolderAndBadRequestsSayWhy() throws Exception {
        Path copy = dir.resolve("ws-copy");
        ModelRegistry.copy(workspace.root(), copy);
        Workspace ws = Workspace.open(copy);
        try (var store = SqliteRunStore.open(ws.database()); var registry = ModelRegistry.open(ws)) {
            RegisteredModel m = registry.register(new ModelRegistry.Registration("keep", experiment, null, "d",
                    Map.of("k", "v")), store);
            ModelRegistry.delete(ws.runDir(experiment));
            RegisteredModel found = registry.find(new ModelRef("keep", 1)).orElseThrow();
            assertEquals(m.artifact(), found.artifact());
            assertEquals(Map.of("k", "v"), found.tags());
            var pipeline = PipelineArtifact.read(found.artifact());
            var table = CsvReader.read(TestData.path("iris.csv"), CsvOptions.defaults(), pipeline.info().inputColumns());
            assertEquals(150, pipeline.predict(table).size());

            var gone = assertThrows(RegistryException.class, () -> registry.register(
                    new ModelRegistry.Registration("keep", experiment, null, null, null), store));
            assertEquals(RegistryException.Kind.CONFLICT, gone.kind(), gone.getMessage());
            var unknown = assertThrows(RegistryException.class, () -> registry.register(
                    new ModelRegistry.Registration("keep", "nope", null, null, null), store));
            assertEquals(RegistryException.Kind.NOT_FOUND, unknown.kind());
            var badName = assertThrows(RegistryException.class, () -> new ModelRegistry.Registration("../x", experiment, null,
                    null, null));
            assertTrue(badName.getMessage().contains("'../x'"), badName.getMessage());
            assertEquals(RegistryException.Kind.INVALID, assertThrows(RegistryException.class, () -> ModelRef.parse("keep")).kind());
            assertEquals(1, registry.versions("keep").size(), "a failed registration takes no version");
        }
    }
}
