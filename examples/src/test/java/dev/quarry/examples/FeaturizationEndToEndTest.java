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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Featurization as users meet it: {@code ./quarry run} with no featurize config on adult (categorical
 * columns, missing values) and on a table with a date-time and a free-text column, each in a fresh
 * JVM; the guardrails report they write; and {@code ./quarry predict} on the raw training CSV in
 * another fresh JVM giving exactly the predictions of the saved pipeline in this one.
 */
class FeaturizationEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void buildOnce() throws Exception {
        var r = Project.quarry(Project.root(), 900, "--version");
        assertEquals(0, r.exitCode(), r.err());
    }

    private static Path run(Path tmp, String yaml) throws Exception {
        Path config = tmp.resolve("exp.yaml");
        Files.writeString(config, yaml);
        var run = Project.quarry(tmp, 300, "run", config.toString(), "--workspace", tmp.resolve("ws").toString(),
                "--no-progress");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        String out = run.out();
        assertTrue(out.indexOf("Data guardrails:") >= 0 && out.indexOf("Data guardrails:") < out.indexOf("trial"),
                "the guardrails are printed before the search: " + out);
        String last = run.outLines().getLast();
        return Path.of(last.substring("Experiment folder: ".length()));
    }

    /** @return the report, after checking it has exactly the documented shape */
    private static JsonNode guardrails(Path folder) throws Exception {
        JsonNode root = JSON.readTree(folder.resolve("outputs/guardrails.json").toFile());
        assertEquals(List.of("checks"), names(root));
        for (JsonNode check : root.get("checks")) {
            assertEquals(List.of("check", "status", "columns", "message", "action"), names(check));
            assertTrue(Set.of("PASSED", "FIXED", "WARNING").contains(check.get("status").asText()), check.toString());
        }
        return root;
    }

    private static JsonNode check(JsonNode report, String id) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("check").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id + " in " + report);
    }

    private static List<String> names(JsonNode node) {
        var out = new ArrayList<String>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static List<String> columns(JsonNode check) {
        var out = new ArrayList<String>();
        check.get("columns").forEach(c -> out.add(c.asText()));
        return out;
    }

    /** quarry predict in a fresh JVM on the raw CSV equals the reloaded pipeline's predictions here. */
    private static void predictsIdentically(Path tmp, Path folder, Path input) throws Exception {
        Path model = folder.resolve("outputs/model");
        Path output = tmp.resolve("predictions.csv");
        var predict = Project.quarry(tmp, 180, "predict", "--model", model.toString(), "--input", input.toString(),
                "--output", output.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        List<String> rows = Files.readAllLines(output);
        Pipeline pipeline = PipelineArtifact.read(model);
        var csv = new CsvOptions(pipeline.info().delimiter(), new LinkedHashSet<>(pipeline.info().missingValues()));
        Predictions expected = pipeline.predict(CsvReader.read(input, csv, pipeline.info().inputColumns()));
        assertEquals(expected.size() + 1, rows.size());
        int classes = pipeline.info().classes().size();
        for (int i = 0; i < expected.size(); i++) {
            String[] cells = rows.get(i + 1).split(",");
            assertEquals(pipeline.info().classes().get(expected.predictedClass(i)), cells[0], "row " + i);
            for (int k = 0; k < classes; k++) {
                assertEquals(expected.probabilities()[i][k], Double.parseDouble(cells[k + 1]), 0.0, "row " + i);
            }
        }
    }

    @Test
    void adultRunsWithNoFeaturizeConfigAndTheReportNamesWhatWasHandled(@TempDir Path tmp) throws Exception {
        Path adult = Project.dataset("adult.csv");
        Path folder = run(tmp, """
                data: {train: %s, target: class}
                budget: {maxTrials: 2, maxDuration: 240s}
                learners: [smile.decision_tree]
                executor: {type: local, parallelism: 1}
                ensemble: {enabled: false}
                """.formatted(adult));
        JsonNode report = guardrails(folder);
        JsonNode missing = check(report, "missing_values");
        assertEquals("FIXED", missing.get("status").asText());
        assertEquals(List.of("workclass", "occupation", "native-country"), columns(missing));
        assertTrue(missing.get("action").asText().contains("__missing__"), missing.toString());
        JsonNode high = check(report, "high_cardinality");
        assertEquals(List.of("native-country"), columns(high));
        assertTrue(high.get("action").asText().contains("out-of-fold"), high.toString());
        assertEquals("PASSED", check(report, "target_leakage").get("status").asText());

        predictsIdentically(tmp, folder, adult);

        // A column missing at prediction time is a clear error naming it.
        List<String> lines = Files.readAllLines(adult).subList(0, 50);
        var without = new ArrayList<String>();
        for (String line : lines) {
            var cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(6);
            without.add(String.join(",", cells));
        }
        assertTrue(lines.getFirst().split(",")[6].equals("occupation"), lines.getFirst());
        Path partial = tmp.resolve("no-occupation.csv");
        Files.write(partial, without);
        var bad = Project.quarry(tmp, 120, "predict", "--model", folder.resolve("outputs/model").toString(),
                "--input", partial.toString(), "--output", tmp.resolve("bad.csv").toString());
        assertEquals(2, bad.exitCode(), bad.out() + bad.err());
        assertTrue(bad.err().contains("missing feature column occupation"), bad.err());
    }

    /**
     * 1,200 support tickets: when opened (a date-time), the customer's words (free text), a store
     * (40 levels), an amount with gaps, a ticket id; escalated when the words are angry, more often on
     * weekends.
     */
    static Path tickets(Path dir) throws Exception {
        String[] calm = {"thanks", "question", "about", "my", "order", "please", "help", "with", "the", "invoice", "delivery"};
        String[] angry = {"terrible", "broken", "refund", "now", "unacceptable", "angry", "worst"};
        var random = new Random(7);
        var lines = new ArrayList<String>();
        lines.add("ticket,opened,message,store,amount,escalated");
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 8, 0);
        for (int i = 0; i < 1200; i++) {
            LocalDateTime opened = start.plusMinutes(97L * i + random.nextInt(60));
            boolean weekend = opened.getDayOfWeek().getValue() >= 6;
            boolean upset = random.nextDouble() < (weekend ? 0.5 : 0.25);
            var words = new ArrayList<String>();
            int n = 4 + random.nextInt(6);
            for (int w = 0; w < n; w++) {
                words.add(upset && random.nextDouble() < 0.4 ? angry[random.nextInt(angry.length)]
                        : calm[random.nextInt(calm.length)]);
            }
            boolean escalated = upset ? random.nextDouble() < 0.85 : random.nextDouble() < 0.1;
            String amount = random.nextDouble() < 0.1 ? "" : String.valueOf(5 + random.nextInt(500));
            lines.add(String.join(",", "T" + (100000 + i), opened.toString().replace('T', ' ') + (opened.getSecond() == 0 ? ":00" : ""),
                    "\"" + String.join(" ", words) + "\"", "store" + random.nextInt(40), amount, escalated ? "yes" : "no"));
        }
        Path file = dir.resolve("tickets.csv");
        Files.write(file, lines);
        return file;
    }

    @Test
    void aDatetimeAndATextColumnAreTypedFeaturizedAndRoundTrip(@TempDir Path tmp) throws Exception {
        Path data = tickets(tmp);
        Path folder = run(tmp, """
                data: {train: %s, target: escalated}
                budget: {maxTrials: 3, maxDuration: 240s}
                learners: [smile.random_forest, smile.logistic_regression]
                validation: {type: kfold, folds: 3}
                executor: {type: local, parallelism: 1}
                """.formatted(data));
        JsonNode report = guardrails(folder);
        JsonNode types = check(report, "column_types");
        assertEquals("FIXED", types.get("status").asText());
        assertEquals(List.of("opened", "message"), columns(types));
        String message = types.get("message").asText();
        assertTrue(message.contains("opened: datetime (yyyy-MM-dd HH:mm[:ss]) -> year, month, day, weekday, hour, elapsed"),
                message);
        assertTrue(message.contains("message: free text -> word count and 32 hashed word uni- and bigram features"), message);
        assertEquals(List.of("ticket"), columns(check(report, "identifier_columns")));
        assertEquals(List.of("store"), columns(check(report, "high_cardinality")));
        assertEquals(List.of("amount"), columns(check(report, "missing_values")));

        // The run history keeps the same report and the detected types with the resolved config.
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("ws/quarry.db"));
             var s = c.prepareStatement("select config_json from experiments where id = ?")) {
            s.setString(1, folder.getFileName().toString());
            try (var rs = s.executeQuery()) {
                assertTrue(rs.next());
                JsonNode recorded = JSON.readTree(rs.getString(1));
                assertEquals(report, recorded.get("guardrails"));
                assertEquals("datetime", recorded.at("/resolved/columns/opened").asText());
                assertEquals("text", recorded.at("/resolved/columns/message").asText());
                assertEquals("id", recorded.at("/resolved/columns/ticket").asText());
            }
        }
        JsonNode leaderboard = JSON.readTree(folder.resolve("outputs/leaderboard.json").toFile());
        assertTrue(leaderboard.toString().contains("COMPLETED"), leaderboard.toString());
        predictsIdentically(tmp, folder, data);
    }

    @Test
    void anUnknownColumnUnderFeaturizeFailsBeforeAnyWorkNamingIt(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, """
                data: {train: %s, target: class}
                budget: {maxTrials: 1}
                featurize: {columns: {ocupation: categorical}}
                """.formatted(Project.dataset("adult.csv")));
        var r = Project.quarry(tmp, 120, "run", config.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("$.featurize.columns.ocupation: unknown column 'ocupation'"), r.err());
        assertFalse(Files.exists(tmp.resolve("quarry-workspace")), "no half-written experiment is left behind");
    }
}
