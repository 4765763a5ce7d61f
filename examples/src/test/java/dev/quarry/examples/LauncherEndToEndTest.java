package dev.quarry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineArtifact;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation's promises, checked the way a user meets them: the real {@code ./quarry} launcher,
 * a fresh JVM per command, a real SQLite file, a real public dataset.
 */
class LauncherEndToEndTest {

    private static final Pattern TRIAL_LINE = Pattern.compile("^\\[\\s*[0-9.]+s\\] trial\\s+(\\d+) .*");
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void buildOnce() throws Exception {
        // The first call may build the jar; later timings must not include a build.
        var r = Project.quarry(Project.root(), 900, "--version");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("quarry "), r.out());
    }

    @Test
    void creditGWithinItsBudgetReachesTheReferenceAucAndRecordsEveryChildRun(@TempDir Path tmp) throws Exception {
        Path workspace = tmp.resolve("ws");
        var run = Project.quarry(tmp, 180, "run", Project.root().resolve("examples/credit-g.yaml").toString(),
                "--workspace", workspace.toString(), "--no-progress");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        // maxDuration is 60 s; the process, JVM start included, must end within 63 s.
        assertTrue(run.millis() < 63_000, "took " + run.millis() + " ms");

        List<String> lines = run.outLines();
        String last = lines.getLast();
        assertTrue(last.startsWith("Experiment folder: "), last);
        Path folder = Path.of(last.substring("Experiment folder: ".length()));
        String id = folder.getFileName().toString();

        Set<Integer> reported = new HashSet<>();
        for (String line : lines) {
            var m = TRIAL_LINE.matcher(line);
            if (m.matches()) {
                assertTrue(reported.add(Integer.parseInt(m.group(1))), "trial reported twice: " + line);
            }
        }
        assertTrue(reported.size() >= 5, "too few trials in 60 s: " + reported.size());
        Set<Integer> stored = new HashSet<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + workspace.resolve("quarry.db"));
             var s = c.prepareStatement("select number, state from child_runs where experiment_id = ?")) {
            s.setString(1, id);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    assertFalse(rs.getString("state").equals("RUNNING"), "a child run was left RUNNING");
                    stored.add(rs.getInt("number"));
                }
            }
        }
        assertEquals(reported, stored, "the run history holds exactly the child runs the console reported");

        var board = Project.quarry(tmp, 60, "leaderboard", folder.toString(), "--json");
        assertEquals(0, board.exitCode(), board.err());
        JsonNode best = JSON.readTree(board.out()).get("entries").get(0);
        assertEquals(1, best.get("rank").asInt());
        assertTrue(best.get("score").asDouble() >= 0.77, "cross-validated AUC " + best.get("score"));
        assertEquals(reported.size(), JSON.readTree(board.out()).get("entries").size());

        // quarry predict in a fresh JVM equals the same pipeline's predictions in this JVM.
        Path model = folder.resolve("outputs/model");
        Path input = Project.dataset("credit-g.csv");
        Path output = tmp.resolve("predictions.csv");
        var predict = Project.quarry(tmp, 120, "predict", "--model", model.toString(), "--input", input.toString(),
                "--output", output.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        List<String> rows = Files.readAllLines(output);
        long inputRows = Files.readAllLines(input).stream().filter(l -> !l.isBlank()).count() - 1;
        assertEquals(inputRows + 1, rows.size(), "a header and one prediction per input row");
        assertEquals("prediction,probability_bad,probability_good", rows.getFirst());

        Pipeline pipeline = PipelineArtifact.read(model);
        var csv = new CsvOptions(pipeline.info().delimiter(), new LinkedHashSet<>(pipeline.info().missingValues()));
        Predictions expected = pipeline.predict(CsvReader.read(input, csv, pipeline.info().inputColumns()));
        for (int i = 0; i < expected.size(); i++) {
            String[] cells = rows.get(i + 1).split(",");
            assertEquals(pipeline.info().classes().get(expected.predictedClass(i)), cells[0], "row " + i);
            for (int k = 0; k < 2; k++) {
                assertEquals(expected.probabilities()[i][k], Double.parseDouble(cells[k + 1]), 0.0, "row " + i);
            }
        }
    }

    @Test
    void unknownConfigKeyFailsBeforeAnyWorkNamingTheKey(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, """
                data:
                  train: %s
                  target: class
                budget:
                  maxTrails: 10
                """.formatted(Project.dataset("credit-g.csv")));
        var r = Project.quarry(tmp, 120, "run", config.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("maxTrails"), r.err());
        assertFalse(Files.exists(tmp.resolve("quarry-workspace")), "no half-written experiment is left behind");
    }

    @Test
    void absentTargetColumnFailsBeforeAnyWorkNamingTheColumn(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("bad-target.yaml");
        Files.writeString(config, """
                data:
                  train: %s
                  target: klass
                budget:
                  maxTrials: 3
                """.formatted(Project.dataset("credit-g.csv")));
        var r = Project.quarry(tmp, 120, "run", config.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("klass"), r.err());
        assertFalse(Files.exists(tmp.resolve("quarry-workspace")), "no half-written experiment is left behind");
    }
}
