package dev.quarry.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.automl.cli.QuarryCli;
import dev.quarry.automl.report.ReportAssembler;
import dev.quarry.automl.report.ReportFiles;
import dev.quarry.examples.browser.HeadlessChromium;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Experiment reports of real experiments (run with {@code quarry run}, in-process, on real
 * datasets with tiny budgets) opened from disk in real headless Chromium: no console errors, the
 * leaderboard sorts when a header is clicked, the task's diagnostics are drawn, user strings that
 * look like markup stay text. Screenshots go to {@code target/report-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    @TempDir
    Path tmp;

    private HeadlessChromium browser;

    @BeforeAll
    void startBrowser() throws Exception {
        browser = HeadlessChromium.start(HeadlessChromium.DEFAULT_BINARY, 1400, 1000);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Runs {@code quarry run} on a config and returns the experiment's folder. */
    private Path run(String name, String yaml) throws Exception {
        Path config = tmp.resolve(name + ".yaml");
        Files.writeString(config, yaml);
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = QuarryCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("run", config.toString(), "--workspace", tmp.resolve("ws").toString(), "--no-progress");
        assertEquals(0, code, out + "\n" + err);
        String last = out.toString().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("Experiment folder: "), last);
        return Path.of(last.substring("Experiment folder: ".length()));
    }

    private static String dataset(String file) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("datasets").resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("dataset " + file + " not found above " + Path.of("").toAbsolutePath());
    }

    private List<Integer> trialOrder() throws Exception {
        var out = new ArrayList<Integer>();
        browser.evaluate("[...document.querySelectorAll('#leaderboard tbody tr')].map(r => +r.dataset.trial)")
                .forEach(n -> out.add(n.asInt()));
        return out;
    }

    private void click(String key) throws Exception {
        browser.evaluate("document.querySelector('#leaderboard th[data-key=\"" + key + "\"]').click()");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "binary, blood-transfusion.csv, target, auc, 'smile.logistic_regression, smile.decision_tree, tribuo.liblinear'",
        "multiclass, iris.csv, class, log_loss, 'smile.decision_tree, tribuo.liblinear, smile.random_forest'",
        "regression, abalone.csv, Class_Rings, rmse, 'smile.decision_tree, tribuo.liblinear, tribuo.sgd_linear'"})
    void aReportOpensSortsAndShowsItsDiagnostics(String task, String file, String target, String metric, String learners)
            throws Exception {
        Path folder = run(task, """
                name: report-%s
                data: {train: '%s', target: %s, task: %s}
                metric: %s
                learners: [%s]
                budget: {maxTrials: 10, maxDuration: 40s}
                validation: {type: kfold, folds: 3}
                executor: {type: local, parallelism: 2}
                seed: 3
                """.formatted(task, dataset(file), target, task, metric, learners));
        Path report = folder.resolve("outputs/report.html");
        assertTrue(Files.isRegularFile(report), "the run wrote " + report);
        browser.open(report.toUri().toString());
        assertEquals("1", browser.evaluate("document.body.dataset.ready").asText(), "the page's script ran to its end");
        assertEquals(List.of(), browser.problems(), "no console errors, exceptions or CSP violations");

        JsonNode page = browser.evaluate("""
                ({rows: document.querySelectorAll('#leaderboard tbody tr').length,
                  charts: document.querySelectorAll('#charts svg').length,
                  diagnostics: [...document.querySelectorAll('#diagnostics h3')].map(h => h.textContent),
                  confusion: document.querySelectorAll('#confusion tbody tr').length,
                  headers: [...document.querySelectorAll('#leaderboard thead th')].map(h => h.textContent),
                  summary: document.querySelector('#summary').innerText})""");
        assertTrue(page.get("rows").asInt() >= 10, "every child run is a row: " + page);
        assertTrue(page.get("charts").asInt() >= 3, "best over time, by learner, per worker: " + page);
        String headers = page.get("headers").toString();
        assertTrue(headers.contains("p50 ms") && headers.contains("p99 ms") && headers.contains("Size"),
                "every child run's predict latency and model size: " + headers);
        String diagnostics = page.get("diagnostics").toString();
        switch (task) {
            case "binary" -> {
                assertEquals(2, page.get("confusion").asInt());
                assertTrue(diagnostics.contains("ROC curve") && diagnostics.contains("Precision")
                        && diagnostics.contains("Calibration"), diagnostics);
            }
            case "multiclass" -> assertEquals(3, page.get("confusion").asInt());
            default -> assertTrue(diagnostics.contains("Residuals") && diagnostics.contains("Predicted against actual"),
                    diagnostics);
        }
        assertTrue(diagnostics.contains("Permutation feature importance"), diagnostics);
        assertTrue(page.get("summary").asText().contains("95% CI"), page.get("summary").asText());
        // the saved model, read from leaderboard.json's final section, and why it was chosen
        JsonNode shipped = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(folder.resolve("outputs/leaderboard.json").toFile()).get("final");
        String summary = page.get("summary").asText();
        assertTrue(summary.contains("Shipped model") && summary.contains("trial " + shipped.get("trial").asInt())
                && summary.contains(shipped.get("learner").asText()), summary + "\n" + shipped);
        assertTrue(summary.contains("Why this model: " + shipped.get("reason").asText()), summary);

        List<Integer> byRank = trialOrder();
        click("trial");
        List<Integer> byTrial = trialOrder();
        assertEquals(byRank.stream().sorted().toList(), byTrial, "clicking Trial sorts by trial number");
        assertNotEquals(byRank, byTrial, "the rank order is not the trial order here, so the rows moved");
        click("trial");
        assertEquals(byTrial.reversed(), trialOrder(), "a second click reverses");
        click("score");
        assertEquals(byRank.subList(0, 5), trialOrder().subList(0, 5), "sorting by score gives the ranking back");

        browser.evaluate("(() => { const f = document.getElementById('filter'); f.value = 'decision_tree';"
                + " f.dispatchEvent(new Event('input')); })()");
        JsonNode learnersShown = browser.evaluate(
                "[...new Set([...document.querySelectorAll('#leaderboard tbody tr td:nth-child(3)')].map(td => td.textContent))]");
        assertEquals("[\"smile.decision_tree\"]", learnersShown.toString(), "the filter keeps matching rows only");
        browser.evaluate("(() => { const f = document.getElementById('filter'); f.value = '';"
                + " f.dispatchEvent(new Event('input')); })()");
        browser.screenshot(SCREENSHOTS.resolve(task + ".png"));
        assertEquals(List.of(), browser.problems());
    }

    @Test
    void aRunningExperimentWithNoScoredRunYetStillRendersWithoutErrors() throws Exception {
        Instant t0 = Instant.now().minusSeconds(20);
        var record = new ExperimentRecord("early-1", "early", ExperimentStatus.RUNNING, "REGRESSION", "rmse",
                Direction.MINIMIZE, 1, "{}", "d.csv", "abc", Map.of(), t0, null, null, null, Double.NaN);
        var trials = List.of(
                new TrialResult("early-1", 0, new Params("smile.decision_tree", Map.of("maxDepth", 3)), 0, TrialState.FAILED,
                        FailureKind.LEARNER_ERROR, "boom", Double.NaN, Map.of(), t0, t0.plusSeconds(2), 0, "local-1"),
                new TrialResult("early-1", 1, new Params("tribuo.liblinear", Map.of()), 1, TrialState.RUNNING, null, null,
                        Double.NaN, Map.of(), t0.plusSeconds(3), t0.plusSeconds(3), 0, "local-2"));
        var workspace = Workspace.open(tmp.resolve("early"));
        Path report = ReportFiles.write(workspace, ReportAssembler.assemble(record, trials, null, null, Instant.now()), null);
        browser.open(report.toUri().toString());
        assertEquals(List.of(), browser.problems());
        JsonNode page = browser.evaluate("""
                ({ready: document.body.dataset.ready, rows: document.querySelectorAll('#leaderboard tbody tr').length,
                  summary: document.querySelector('#summary').innerText})""");
        assertEquals("1", page.get("ready").asText());
        assertEquals(2, page.get("rows").asInt());
        assertTrue(page.get("summary").asText().contains("still running"), page.toString());
    }

    @Test
    void markupInColumnNamesLabelsAndGuardrailsStaysText() throws Exception {
        String col1 = "<script>window.__pwned=1</script>";
        String col2 = "sepal \"width\" 'w'";
        String col3 = "<img src=x onerror=window.__pwned=2>";
        String setosa = "</script><script>window.__pwned=3</script>";
        String versicolor = "Iris \"versicolor\" & 'co'";
        String virginica = "<b id=injected>virginica</b>";
        var csv = new StringBuilder("\"" + col1 + "\",\"" + col2.replace("\"", "\"\"") + "\"," + col3 + ",petal,class\n");
        try (Stream<String> lines = Files.lines(Path.of(dataset("iris.csv")))) {
            lines.skip(1).forEach(line -> {
                String[] f = line.split(",");
                String label = switch (f[4]) {
                    case "Iris-setosa" -> setosa;
                    case "Iris-versicolor" -> "\"" + versicolor.replace("\"", "\"\"") + "\"";
                    default -> virginica;
                };
                csv.append(f[0]).append(',').append(f[1]).append(',').append(f[2]).append(',').append(f[3]).append(',')
                        .append(label).append('\n');
            });
        }
        Path data = tmp.resolve("evil.csv");
        Files.writeString(data, csv, StandardCharsets.UTF_8);
        Path folder = run("evil", """
                name: evil
                data: {train: '%s', target: class}
                metric: accuracy
                learners: [smile.decision_tree, tribuo.liblinear]
                budget: {maxTrials: 4, maxDuration: 30s}
                validation: {type: kfold, folds: 3}
                executor: {type: local, parallelism: 2}
                """.formatted(data));
        Files.writeString(folder.resolve("outputs/guardrails.json"), """
                {"checks":[{"check":"high cardinality","status":"WARNING","columns":["%s"],
                  "message":"%s","action":"dropped \\"%s\\""}]}
                """.formatted(col1.replace("\"", "\\\""), setosa, "x</script>"));
        var out = new StringWriter();
        var cli = QuarryCli.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("report", folder.toString()), out.toString());

        Path report = folder.resolve("outputs/report.html");
        String html = Files.readString(report);
        assertFalse(html.contains("<script>window.__pwned"), "no user string appears as markup in the file");
        assertFalse(html.contains("<img src=x"));
        browser.open(report.toUri().toString());
        assertEquals(List.of(), browser.problems());
        JsonNode page = browser.evaluate("""
                ({pwned: typeof window.__pwned, scripts: document.scripts.length,
                  injected: document.querySelectorAll('img, b, #injected').length,
                  text: document.body.innerText})""");
        assertEquals("undefined", page.get("pwned").asText(), "no injected script ran");
        assertEquals(2, page.get("scripts").asInt(), "only the page's data and code are scripts");
        assertEquals(0, page.get("injected").asInt(), "no injected element exists");
        String text = page.get("text").asText();
        for (String s : List.of(col1, col2, col3, setosa, versicolor, virginica, "dropped \"x</script>\"")) {
            assertTrue(text.contains(s), "shown as text: " + s);
        }
        browser.screenshot(SCREENSHOTS.resolve("markup-as-text.png"));

        browser.open(tmp.resolve("ws/index.html").toUri().toString());
        assertEquals(List.of(), browser.problems());
        JsonNode index = browser.evaluate("[...document.querySelectorAll('#leaderboard tbody tr a')].map(a => a.getAttribute('href'))");
        assertTrue(index.size() >= 1 && index.get(0).asText().endsWith("/outputs/report.html"), index.toString());

        // The checks above can fail: a console error and an uncaught exception are both collected.
        browser.evaluate("console.error('probe'); setTimeout(() => { throw new Error('thrown probe'); }, 0);"
                + " new Promise(r => setTimeout(r, 100))");
        String problems = browser.problems().toString();
        assertTrue(problems.contains("probe") && problems.contains("thrown probe"), problems);
    }
}
