package dev.quarry.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkHarnessTest {

    @TempDir
    Path dir;

    static Path datasets() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("shared/datasets/MANIFEST.tsv"))) {
                return p.resolve("shared/datasets");
            }
        }
        throw new IllegalStateException("no shared/datasets above the working directory");
    }

    @Test
    void manifestGivesTaskTargetAndReference() throws Exception {
        Manifest m = Manifest.read(datasets().resolve("MANIFEST.tsv"));
        assertEquals(20, m.entries().size());
        var credit = m.entry("credit-g.csv");
        assertEquals(Task.BINARY, credit.task());
        assertEquals("class", credit.target());
        assertEquals("AMLB ROC AUC 0.778-0.796 across 8 AutoML frameworks (AutoGluon 0.796)", credit.reference());
        assertEquals("AMLB RMSE 2.1 rings (R2 approx. 0.55-0.58)", m.entry("abalone.csv").reference());
        assertEquals(Task.REGRESSION, m.entry("hflights.csv").task());
    }

    @Test
    void outerFoldsPartitionTheRowsAndDropMissingTargets() throws Exception {
        Path csv = dir.resolve("d.csv");
        var text = new StringBuilder("x,name,y\n");
        for (int i = 0; i < 60; i++) {
            text.append(i).append(",\"n, ").append(i).append("\",").append(i % 7 == 0 ? "" : i % 2 == 0 ? "a" : "b").append('\n');
        }
        Files.writeString(csv, text);
        var entry = new Manifest.Entry("d.csv", Task.BINARY, "y", 60, "");
        List<Path> folds = OuterFolds.write(csv, entry, 3, 1, null, dir.resolve("splits"));
        var testRows = new HashSet<Double>();
        int total = 0;
        for (Path f : folds) {
            Table train = CsvReader.read(f.resolve("train.csv"), CsvOptions.defaults());
            Table test = CsvReader.read(f.resolve("test.csv"), CsvOptions.defaults());
            assertEquals(51, train.rowCount() + test.rowCount(), "9 rows with an empty target are dropped");
            for (double x : ((dev.quarry.featurize.table.NumericColumn) test.column("x")).values()) {
                assertTrue(testRows.add(x), "row " + x + " is in two test folds");
            }
            total += test.rowCount();
            assertTrue(((dev.quarry.featurize.table.CategoricalColumn) test.column("name")).value(0).startsWith("n, "),
                    "quoted commas survive");
        }
        assertEquals(51, total);
        long before = Files.getLastModifiedTime(folds.getFirst().resolve("train.csv")).toMillis();
        OuterFolds.write(csv, entry, 3, 1, null, dir.resolve("splits"));
        assertEquals(before, Files.getLastModifiedTime(folds.getFirst().resolve("train.csv")).toMillis(), "folds are reused");
    }

    @Test
    void suitesAreValidated() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nbudget: 5s\ncontenders: [autogluon]\n");
        assertThrows(Exception.class, () -> Suite.load(bad));
        Files.writeString(bad, "name: x\nbudget: 5s\nfoldz: 3\n");
        assertThrows(Exception.class, () -> Suite.load(bad));
        Path ok = dir.resolve("ok.yaml");
        Files.writeString(ok, "name: x\nbudget: 5s\n");
        assertEquals(Contender.ids(), Suite.load(ok).contenders());
    }

    /** A whole tiny suite: contender JVMs, scoring, tables and plot; then a re-run that resumes. */
    @Test
    void aTinySuiteRunsEndToEndAndResumes() throws Exception {
        Path suite = dir.resolve("tiny.yaml");
        Files.writeString(suite, """
                name: tiny
                datasets: [iris.csv]
                folds: 2
                budget: 4s
                ladder: [4s, 6s]
                contenders: [quarry-default, constant]
                evidence: true
                """);
        Path out = dir.resolve("out");
        BenchmarkMain.main(new String[] {suite.toString(), "--out", out.toString(), "--datasets", datasets().toString()});
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| iris | log_loss |"), md);
        assertTrue(md.contains("| constant | 1 | 0 | 0 |"), "Quarry beats the constant predictor on iris:\n" + md);
        assertTrue(Files.readString(out.resolve("budget.svg")).startsWith("<svg"));
        assertTrue(md.matches("(?s).*\\| 4s \\| 2 \\| [0-9.]+ \\| [0-9.]+ \\| 0 \\|.*"), "each rung's budget, 2 runs within +5%:\n" + md);
        assertTrue(md.matches("(?s).*\\| 6s \\| 2 \\| [0-9.]+ \\| [0-9.]+ \\| 0 \\|.*"), md);
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(1 + 2 * 3, results.size(), "2 folds x (quarry at 2 budgets + constant)");
        for (String row : results.subList(1, results.size())) {
            assertTrue(row.endsWith(","), () -> "no run failed (the last column is the error): " + row + "\n" + logTail(out, row));
        }
        var json = new ObjectMapper().readTree(out.resolve("runs/iris/fold-0/quarry-default@4s.json").toFile());
        assertTrue(json.get("fitSeconds").asDouble() <= 4 * 1.05, "within the budget: " + json.get("fitSeconds"));
        assertTrue(json.get("childRuns").asInt() >= 1);
        // The result keeps the test score and sets the predictions aside, so a suite under way commits small.
        assertFalse(json.has("probabilities"), "predictions are not kept in the result");
        assertTrue(Files.size(out.resolve("runs/iris/fold-0/quarry-default@4s.json.leaderboard.json.gz")) > 0,
                "the run's leaderboard is kept beside the result");
        assertFalse(Files.exists(out.resolve("runs/iris/fold-0/quarry-default@4s.json.work")), "the work folder is gone");
        Path aside = out.resolve("runs/iris/fold-0/quarry-default@4s.json.predictions.json.gz");
        var predictions = new ObjectMapper().readTree(new java.util.zip.GZIPInputStream(Files.newInputStream(aside)));
        assertEquals(json.get("classes"), predictions.get("classes"));
        var rescored = (com.fasterxml.jackson.databind.node.ObjectNode) predictions.deepCopy();
        Report.keepScoreAndSetPredictionsAside(rescored, Manifest.read(datasets().resolve("MANIFEST.tsv")).entry("iris.csv"),
                out.resolve("splits/iris/fold-0/test.csv"), dir.resolve("rescored.json"));
        assertEquals(json.get("testScore").asDouble(), rescored.get("testScore").asDouble(), 1e-12,
                "the predictions set aside give the score kept in the result");
        assertTrue(results.stream().anyMatch(r -> r.startsWith("iris,0,quarry-default,4s,")
                && r.contains(String.format(java.util.Locale.ROOT, ",%.5g,", json.get("testScore").asDouble()))),
                "results.csv reports the kept score: " + results);

        // The ensemble evidence: the kept trials' test predictions, with the test target in the shipped
        // model's class order (the shipped model's own predictions, scored against it, give the kept score).
        Path evidence = out.resolve("runs/iris/fold-0/quarry-default@4s.json.evidence.json.gz");
        var ev = new ObjectMapper().readTree(new java.util.zip.GZIPInputStream(Files.newInputStream(evidence)));
        assertEquals(json.get("classes"), ev.get("classes"));
        int[] labels = new ObjectMapper().convertValue(ev.get("test").get("labels"), int[].class);
        double[][] probabilities = new ObjectMapper().convertValue(predictions.get("probabilities"), double[][].class);
        var truth = new dev.quarry.featurize.table.Target("class", dev.quarry.featurize.table.Task.MULTICLASS,
                new ObjectMapper().convertValue(ev.get("classes"), List.class), labels, null);
        assertEquals(json.get("testScore").asDouble(), dev.quarry.automl.evaluation.Metric.LOG_LOSS.compute(truth,
                dev.quarry.automl.learner.Predictions.ofProbabilities(probabilities)), 1e-12);
        assertTrue(ev.get("trials").size() >= 1, "kept trials: " + ev);
        for (var t : ev.get("trials")) {
            assertTrue(t.get("predictMillis").asDouble() > 0, "each kept trial's predict latency per row: " + t.get("trial"));
            assertTrue(t.get("admitted").isBoolean(), "whether the run's ensembles could use it: " + t.get("trial"));
        }
        var lab = EnsembleLab.read(out.resolve("runs"));
        assertEquals(2 * 2, lab.size(), "2 folds x quarry at 2 budgets");
        assertTrue(lab.getFirst().scores().get("best single") > 0, "the best single trial is scored: " + lab.getFirst());
        assertTrue(EnsembleLab.markdown(lab).contains("| iris | 0 | quarry-default@4s | log_loss |"));

        long before = Files.getLastModifiedTime(out.resolve("runs/iris/fold-0/constant@once.json")).toMillis();
        BenchmarkMain.main(new String[] {suite.toString(), "--out", out.toString(), "--datasets", datasets().toString()});
        assertEquals(before, Files.getLastModifiedTime(out.resolve("runs/iris/fold-0/constant@once.json")).toMillis(),
                "a finished run is not repeated");

        // A suite under way: fold 1 lacks a contender's result. --report-only runs nothing and
        // summarises the complete fold only.
        Files.delete(out.resolve("runs/iris/fold-1/constant@once.json"));
        BenchmarkMain.main(new String[] {suite.toString(), "--out", out.toString(), "--datasets", datasets().toString(),
                "--report-only"});
        assertFalse(Files.exists(out.resolve("runs/iris/fold-1/constant@once.json")), "--report-only runs nothing");
        String partial = Files.readString(out.resolve("summary.md"));
        assertTrue(partial.contains("- Partial: 1 folds have a result from every contender"), partial);
        assertTrue(Files.readString(out.resolve("summary.csv")).contains("iris,log_loss,constant,once,1,"),
                "the summary counts the complete fold only");
    }

    /** A PAUSE file in the output folder holds the suite before its next run until it is deleted. */
    @Test
    void aPauseFileHoldsTheSuiteUntilDeleted() throws Exception {
        Path out = Files.createDirectories(dir.resolve("paused"));
        Files.writeString(out.resolve(BenchmarkMain.PAUSE_FILE), "");
        var waiting = new Thread(() -> {
            try {
                BenchmarkMain.waitWhilePaused(out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.start();
        waiting.join(3000);
        assertTrue(waiting.isAlive(), "held while the file exists");
        Files.delete(out.resolve(BenchmarkMain.PAUSE_FILE));
        waiting.join(30_000);
        assertFalse(waiting.isAlive(), "goes on once it is deleted");
    }

    /**
     * H2O AutoML as a contender: a JDK 17 process, built on first use (downloads H2O), so it is
     * tagged slow and runs with {@code scripts/test.sh --slow}. kr-vs-kp has only text columns, which
     * H2O's header guess took for a file without a header (the full suite's H2O runs then failed on
     * a missing target and hung until killed). credit-approval's {@code +}/{@code -} target was
     * guessed numeric with {@code -} as missing, so AutoML saw one class and gave up.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"blood-transfusion.csv", "kr-vs-kp.csv", "credit-approval.csv"})
    @org.junit.jupiter.api.Tag("slow")
    void h2oAutoMlRunsAsAContenderWithinItsBudget(String dataset) throws Exception {
        Path suite = dir.resolve("h2o.yaml");
        Files.writeString(suite, """
                name: h2o
                datasets: [%s]
                folds: 2
                budget: 12s
                contenders: [h2o-automl, constant]
                """.formatted(dataset));
        Path out = dir.resolve("out");
        BenchmarkMain.main(new String[] {suite.toString(), "--out", out.toString(), "--datasets", datasets().toString()});
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(1 + 2 * 2, results.size());
        for (String row : results.subList(1, results.size())) {
            assertTrue(row.endsWith(","), "no run failed: " + row);
        }
        var json = new ObjectMapper().readTree(out.resolve("runs/" + dataset.replace(".csv", "")
                + "/fold-0/h2o-automl@12s.json").toFile());
        assertTrue(json.get("fitSeconds").asDouble() <= 12 * 1.05, "within the budget: " + json.get("fitSeconds"));
        assertTrue(json.get("childRuns").asInt() >= 1);
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| dataset | metric | h2o-automl | constant |"), md);
        assertTrue(!md.contains("| failed |"), md);
    }

    /** The end of a failed run's log (its row: dataset, fold, contender, budget, ...), for the failure message. */
    private static String logTail(Path out, String row) {
        String[] cells = row.split(",");
        Path log = out.resolve("runs").resolve(cells[0]).resolve("fold-" + cells[1]).resolve(cells[2] + "@" + cells[3] + ".json.log");
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
