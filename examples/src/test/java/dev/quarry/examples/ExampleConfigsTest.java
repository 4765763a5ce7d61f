package dev.quarry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.quarry.automl.cli.QuarryCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example config in {@code examples/} runs, with its budget cut to a few trials, so the
 * documented examples cannot drift from what the code accepts.
 */
class ExampleConfigsTest {

    static Stream<Path> exampleConfigs() throws Exception {
        try (Stream<Path> files = Files.list(Project.root().resolve("examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleConfigs")
    void runsWithATinyBudget(Path config, @TempDir Path tmp) throws Exception {
        var yaml = new YAMLMapper();
        var tree = (ObjectNode) yaml.readTree(config.toFile());
        var data = (ObjectNode) tree.get("data");
        data.put("train", config.getParent().resolve(data.get("train").asText()).normalize().toString());
        var budget = tree.putObject("budget");
        budget.put("maxTrials", 3);
        budget.put("maxDuration", "60s");
        Path copy = tmp.resolve(config.getFileName());
        yaml.writeValue(copy.toFile(), tree);

        var out = new StringWriter();
        var err = new StringWriter();
        var cli = QuarryCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("run", copy.toString(), "--workspace", tmp.resolve("ws").toString(), "--no-progress");
        assertEquals(0, code, err.toString());
        try (Stream<Path> runs = Files.list(tmp.resolve("ws/runs"))) {
            Path model = runs.filter(p -> Files.isDirectory(p.resolve("outputs/model"))).findFirst().orElseThrow()
                    .resolve("outputs/model");
            assertTrue(Files.isRegularFile(model.resolve("pipeline.json")));
        }
    }
}
