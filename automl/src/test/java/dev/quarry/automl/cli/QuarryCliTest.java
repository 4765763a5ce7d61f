package dev.quarry.automl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.automl.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: a real experiment on iris, then predict and leaderboard against it. */
class QuarryCliTest {

    @TempDir
    static Path dir;

    static Path experiment;

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cmd = QuarryCli.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void runAnExperiment() throws Exception {
        Path config = dir.resolve("iris.yaml");
        Files.writeString(config, """
                data: {train: %s, target: class}
                metric: accuracy
                budget: {maxTrials: 4}
                learners: [smile.decision_tree, tribuo.liblinear]
                executor: {type: local, parallelism: 1}
                """.formatted(TestData.path("iris.csv")));
        Run r = cli("run", config.toString(), "--workspace", dir.resolve("ws").toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(r.out().contains("rank  trial  learner"), r.out());
        experiment = Path.of(lines.getLast().substring("Experiment folder: ".length()));
    }

    @Test
    void helpAndVersionDescribeTheCommands() {
        Run help = cli("--help");
        assertEquals(0, help.code());
        for (String command : List.of("run", "predict", "leaderboard", "learners")) {
            assertTrue(help.out().contains(command), help.out());
        }
        Run version = cli("--version");
        assertTrue(version.out().startsWith("quarry ") && version.out().contains("smile 6.2.5")
                && version.out().contains("tribuo 4.3.2"), version.out());
        assertEquals(2, cli("run").code(), "a missing argument is a usage error");
    }

    @Test
    void leaderboardJsonListsEveryChildRunWithStableFields() throws Exception {
        Run r = cli("leaderboard", experiment.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        var root = new ObjectMapper().readTree(r.out());
        assertEquals("accuracy", root.get("metric").asText());
        int trials = 0;
        for (var e : root.get("entries")) {
            trials += dev.quarry.automl.experiment.ExperimentLoop.isEnsemble(e.get("learner").asText()) ? 0 : 1;
        }
        assertEquals(4, trials, "the four trials, besides the ensembles built after them");
        var first = root.get("entries").get(0);
        for (String field : List.of("rank", "trial", "learner", "params", "score", "metrics", "fitSeconds", "status")) {
            assertTrue(first.has(field), field);
        }
        Run byId = cli("leaderboard", experiment.getFileName().toString(), "--workspace", dir.resolve("ws").toString());
        assertEquals(0, byId.code(), byId.err());
        assertTrue(byId.out().contains("COMPLETED"), byId.out());
        Run missing = cli("leaderboard", "no-such-experiment", "--workspace", dir.resolve("ws").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no experiment no-such-experiment"), missing.err());
    }

    @Test
    void predictWritesOneRowPerInputAndNamesAMissingColumn() throws Exception {
        Path model = experiment.resolve("outputs/model");
        Path out = dir.resolve("p.csv");
        Run ok = cli("predict", "--model", model.toString(), "--input", TestData.path("iris.csv").toString(),
                "--output", out.toString());
        assertEquals(0, ok.code(), ok.err());
        List<String> rows = Files.readAllLines(out);
        assertEquals(151, rows.size());
        assertEquals("prediction,probability_Iris-setosa,probability_Iris-versicolor,probability_Iris-virginica",
                rows.getFirst());

        Path partial = dir.resolve("partial.csv");
        Files.writeString(partial, "sepallength,sepalwidth,petallength\n5.1,3.5,1.4\n");
        Run bad = cli("predict", "--model", model.toString(), "--input", partial.toString(), "--output",
                dir.resolve("q.csv").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("petalwidth"), bad.err());

        Run notAModel = cli("predict", "--model", dir.toString(), "--input", partial.toString(), "--output",
                dir.resolve("q.csv").toString());
        assertEquals(2, notAModel.code());
        assertTrue(notAModel.err().contains("not a Quarry model folder"), notAModel.err());
    }

    @Test
    void learnersListsTheCatalogWithSpaces() {
        Run r = cli("learners");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("smile.random_forest") && r.out().contains("trees") && r.out().contains("default 200"),
                r.out());
    }
}
