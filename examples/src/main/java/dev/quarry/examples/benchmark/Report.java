package dev.quarry.examples.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.automl.cli.LibraryVersions;
import dev.quarry.automl.config.Durations;
import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Scores every run's test predictions with the task's AMLB metric (AUC, log loss, RMSE) and writes
 * {@code results.csv} (one row per run), {@code summary.csv} and {@code summary.md} (means and
 * spreads across folds, Quarry's default against every other contender, costs, the reference
 * ranges from the manifest) and {@code budget.svg} (score against budget).
 */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Scores closer than this share of their size are a tie. */
    private static final double TIE = 0.002;
    /** Fit time over budget beyond which a run counts as over its budget (issue 9: +5%). */
    private static final double OVER_BUDGET = 1.05;

    private Report() {
    }

    /**
     * One run, scored.
     *
     * @param unavailable the learners the run's machine could not load (sorted; empty: none), or null when
     *     the result predates the record
     */
    record Row(String dataset, int fold, String contender, String budget, double score, double fitSeconds,
            double wallSeconds, double overshoot, int childRuns, int failures, double peakRssMb, double predictMillis,
            long artifactBytes, String error, List<String> unavailable) {
    }

    /**
     * The summary's line on the learners the runs' machines could load. One environment: which learners
     * it lacked, if any. Several (a native library installed or removed while a suite was under way):
     * how many runs had each, in bold, since their scores do not compare. Runs that do not record it
     * (H2O AutoML, which loads none of Quarry's learners, and results from before the record) are left
     * out: an unknown is not a different environment. When no run records it, it says so.
     *
     * @param rows every run
     * @return the line, with its newline
     */
    static String environment(List<Row> rows) {
        var runs = new TreeMap<String, Integer>();
        for (Row r : rows) {
            if (r.unavailable() != null) {
                runs.merge(r.unavailable().isEmpty() ? "every learner available"
                        : "unavailable: " + String.join(", ", r.unavailable()), 1, Integer::sum);
            }
        }
        if (runs.size() <= 1) {
            return "- Learners: " + (rows.isEmpty() ? "no runs" : runs.isEmpty() ? "not recorded" : runs.firstKey())
                    + "\n";
        }
        var parts = new ArrayList<String>();
        runs.forEach((k, n) -> parts.add(n + (n == 1 ? " run " : " runs ") + k));
        return "- **Learners differ between runs** (their scores do not compare): " + String.join("; ", parts) + "\n";
    }

    static void write(Suite suite, Manifest manifest, Path out, String command, Duration elapsed) throws IOException {
        List<Row> all = rows(suite, manifest, out);
        writeResults(all, out.resolve("results.csv"));
        List<Row> rows = completeFolds(all, suite);
        var md = new StringBuilder();
        var csv = new StringBuilder("dataset,metric,contender,budget,folds,mean,sd,fit_s,max_overshoot,child_runs,failures,"
                + "peak_rss_mb,predict_ms,artifact_kb,errors\n");
        List<String> datasets = rows.stream().map(Row::dataset).distinct().toList();
        List<String> contenders = suite.contenders();
        md.append("# Benchmark: ").append(suite.name()).append("\n\n");
        md.append("- Date: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(totalMemoryGib()).append(" GiB; ").append(LibraryVersions.current()).append('\n');
        md.append(environment(all));
        md.append("- Command: `").append(command).append("`\n");
        md.append(String.format(Locale.ROOT, "- Suite: %d datasets, %s, budget %s per fold, %d cores per "
                + "contender, seed %d%s; run time %s%n", datasets.size(), suite.runFolds() == suite.folds()
                        ? suite.folds() + " outer folds" : "outer folds 0-" + (suite.runFolds() - 1) + " of " + suite.folds(), suite.budget(), suite.parallelism(),
                suite.seed(), suite.maxRows() == null ? "" : ", at most " + suite.maxRows() + " rows per dataset",
                elapsed.truncatedTo(ChronoUnit.SECONDS)));
        long complete = rows.stream().map(r -> r.dataset() + "/" + r.fold()).distinct().count();
        long started = all.stream().map(r -> r.dataset() + "/" + r.fold()).distinct().count();
        if (complete < started) {
            md.append(String.format(Locale.ROOT, "- Partial: %d folds have a result from every contender and are summarised "
                    + "below; %d started folds are left out (all runs are in results.csv)%n", complete, started - complete));
        }
        md.append('\n');
        md.append("## Scores on the outer test folds (mean ± sd)\n\n");
        md.append("Metric per task as in the AutoML Benchmark: AUC for binary (higher is better), log loss for multiclass "
                + "and RMSE for regression (lower is better). Budgeted contenders at ").append(suite.budget()).append(".\n\n");
        md.append("| dataset | metric |");
        contenders.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append(" reference (manifest) |\n|---|---|");
        contenders.forEach(c -> md.append("---|"));
        md.append("---|\n");
        Map<String, Map<String, double[]>> means = new LinkedHashMap<>();
        for (String d : datasets) {
            Manifest.Entry entry = manifest.entry(d + ".csv");
            Metric metric = Metric.defaultFor(entry.task());
            md.append("| ").append(d).append(" | ").append(metric.id()).append(" |");
            for (String c : contenders) {
                List<Row> runs = main(rows, d, c, suite);
                double[] scores = runs.stream().filter(r -> r.error() == null).mapToDouble(Row::score).toArray();
                double mean = mean(scores);
                double sd = sd(scores);
                means.computeIfAbsent(d, k -> new LinkedHashMap<>()).put(c, new double[] {mean, sd});
                md.append(scores.length == 0 ? " failed |" : String.format(Locale.ROOT, " %.4f ± %.4f%s |", mean, sd,
                        scores.length < runs.size() ? " (" + (runs.size() - scores.length) + " failed)" : ""));
                csv.append(String.join(",", d, metric.id(), c, runs.isEmpty() ? "" : runs.getFirst().budget(),
                        Integer.toString(scores.length), fmt(mean), fmt(sd),
                        fmt(avg(runs, Row::fitSeconds)), fmt(runs.stream().mapToDouble(Row::overshoot).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN)),
                        fmt(avg(runs, r -> r.childRuns())), Integer.toString(runs.stream().mapToInt(Row::failures).sum()),
                        fmt(runs.stream().mapToDouble(Row::peakRssMb).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN)), fmt(avg(runs, Row::predictMillis)),
                        fmt(avg(runs, r -> r.artifactBytes() / 1024.0)),
                        Long.toString(runs.stream().filter(r -> r.error() != null).count()))).append('\n');
            }
            md.append(' ').append(entry.reference().replace("|", "/")).append(" |\n");
        }
        if (contenders.contains(Contender.QUARRY_DEFAULT.id())) {
            md.append("\n## Quarry's default against each contender\n\nWins, ties and losses over datasets, by mean score "
                    + "(a tie is within ").append(TIE * 100).append("% of the score).\n\n| contender | wins | ties | losses |\n|---|---|---|---|\n");
            for (String c : contenders) {
                if (c.equals(Contender.QUARRY_DEFAULT.id())) {
                    continue;
                }
                int[] wtl = new int[3];
                for (String d : datasets) {
                    double a = means.get(d).get(Contender.QUARRY_DEFAULT.id())[0];
                    double b = means.get(d).get(c)[0];
                    var direction = Metric.defaultFor(manifest.entry(d + ".csv").task()).direction();
                    if (Double.isNaN(a) || Double.isNaN(b)) {
                        wtl[Double.isNaN(a) ? 2 : 0]++;
                    } else if (Math.abs(a - b) <= TIE * Math.max(Math.abs(a), Math.abs(b))) {
                        wtl[1]++;
                    } else {
                        wtl[direction.isBetter(a, b) ? 0 : 2]++;
                    }
                }
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d |%n", c, wtl[0], wtl[1], wtl[2]));
            }
        }
        md.append("\n## Cost per fold (means over datasets and folds)\n\nFit time runs from the contender's JVM start to a "
                + "saved model; overshoot is fit time over the budget (budgeted contenders only).\n\n"
                + "| contender | fit s | max overshoot | folds over budget +5% | child runs | failed child runs (not cancelled; total over folds) | peak RSS MB | "
                + "predict ms | artifact KB | failed folds |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (String c : contenders) {
            List<Row> runs = rows.stream().filter(r -> r.contender().equals(c) && isMain(r, suite)).toList();
            long over = runs.stream().filter(r -> r.overshoot() > OVER_BUDGET).count();
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %d | %.0f | %d | %.0f | %.1f | %.0f | %d |%n", c,
                    avg(runs, Row::fitSeconds), Contender.of(c).budgeted()
                            ? String.format(Locale.ROOT, "%.3f", runs.stream().mapToDouble(Row::overshoot).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN)) : "-",
                    over, avg(runs, r -> r.childRuns()), runs.stream().mapToInt(Row::failures).sum(),
                    runs.stream().mapToDouble(Row::peakRssMb).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN), avg(runs, Row::predictMillis),
                    avg(runs, r -> r.artifactBytes() / 1024.0), runs.stream().filter(r -> r.error() != null).count()));
        }
        if (!suite.ladder().isEmpty()) {
            md.append("\n## Score against budget\n\n![score against budget](budget.svg)\n\nQuarry's default at each budget of "
                    + "the ladder ").append(suite.ladder()).append("; the baselines, trained once, as flat lines.\n");
            md.append(ladderBudget(rows, suite));
            Files.writeString(out.resolve("budget.svg"), BudgetPlot.svg(rows, manifest, suite));
        }
        Files.writeString(out.resolve("summary.md"), md);
        Files.writeString(out.resolve("summary.csv"), csv);
    }

    /**
     * Quarry's default against its budget at every rung of the ladder (the cost table has the main
     * budget only): runs, mean and largest overshoot, and each run more than 5% over, by name.
     */
    static String ladderBudget(List<Row> rows, Suite suite) {
        var md = new StringBuilder("\nQuarry's default against its budget at each rung (fit time over the budget):\n\n"
                + "| budget | runs | mean overshoot | max overshoot | runs over +5% |\n|---|---|---|---|---|\n");
        for (String rung : suite.ladder()) {
            List<Row> runs = rows.stream().filter(r -> r.contender().equals(Contender.QUARRY_DEFAULT.id())
                    && r.budget().equals(rung) && !Double.isNaN(r.overshoot())).toList();
            List<String> over = runs.stream().filter(r -> r.overshoot() > OVER_BUDGET)
                    .map(r -> String.format(Locale.ROOT, "%s fold %d (%.3f)", r.dataset(), r.fold(), r.overshoot())).toList();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %s |%n", rung, runs.size(),
                    runs.stream().mapToDouble(Row::overshoot).average().orElse(Double.NaN),
                    runs.stream().mapToDouble(Row::overshoot).max().orElse(Double.NaN),
                    over.isEmpty() ? "0" : over.size() + ": " + String.join(", ", over)));
        }
        return md.toString();
    }

    /**
     * The rows of the folds where every contender of the suite has a main-budget result (a success or a
     * failure), so that a suite still under way compares contenders on the same folds only.
     */
    static List<Row> completeFolds(List<Row> rows, Suite suite) {
        Map<String, java.util.Set<String>> seen = new HashMap<>();
        for (Row r : rows) {
            if (isMain(r, suite)) {
                seen.computeIfAbsent(r.dataset() + "/" + r.fold(), k -> new java.util.HashSet<>()).add(r.contender());
            }
        }
        return rows.stream().filter(r -> seen.getOrDefault(r.dataset() + "/" + r.fold(), java.util.Set.of())
                .containsAll(suite.contenders())).toList();
    }

    private static boolean isMain(Row r, Suite suite) {
        return r.budget().equals("once") || r.budget().equals(suite.budget());
    }

    private static List<Row> main(List<Row> rows, String dataset, String contender, Suite suite) {
        return rows.stream().filter(r -> r.dataset().equals(dataset) && r.contender().equals(contender) && isMain(r, suite))
                .toList();
    }

    static List<Row> rows(Suite suite, Manifest manifest, Path out) throws IOException {
        var rows = new ArrayList<Row>();
        Path runs = out.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return rows;
        }
        Map<Path, Target> truths = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(runs)) {
            // Result files sit directly in runs/<dataset>/fold-<k>/ and are named <contender>@<budget>.json.
            files = s.filter(p -> p.getFileName().toString().matches("[a-z0-9-]+@[^/]+\\.json")
                    && p.getParent().getFileName().toString().startsWith("fold-")).sorted().toList();
        }
        for (Path f : files) {
            JsonNode n = JSON.readTree(f.toFile());
            String dataset = f.getParent().getParent().getFileName().toString();
            int fold = Integer.parseInt(f.getParent().getFileName().toString().substring("fold-".length()));
            Manifest.Entry entry = manifest.entry(dataset + ".csv");
            String budget = n.path("budget").asText();
            String error = n.has("error") ? n.get("error").asText() : null;
            double score = Double.NaN;
            if (error == null && n.has("testScore")) {
                score = n.get("testScore").asDouble();
            } else if (error == null) {
                // A result written before the score was kept in it: score its inline predictions.
                Path test = out.resolve("splits").resolve(dataset).resolve("fold-" + fold).resolve("test.csv");
                Target truth = truths.computeIfAbsent(test, t -> truth(entry, t));
                score = Metric.defaultFor(entry.task()).compute(align(truth, n), predictions(n));
            }
            double fit = n.path("fitSeconds").asDouble(Double.NaN);
            boolean budgeted = Contender.of(n.path("contender").asText()).budgeted();
            double overshoot = budgeted && !Double.isNaN(fit) ? fit / Durations.parse(budget).toMillis() * 1000 : Double.NaN;
            rows.add(new Row(dataset, fold, n.path("contender").asText(), budget, score, fit, n.path("wallSeconds").asDouble(),
                    overshoot, n.path("childRuns").asInt(), n.path("failures").asInt(), n.path("peakRssMb").asDouble(Double.NaN),
                    n.path("predictMillis").asDouble(Double.NaN), n.path("artifactBytes").asLong(), error,
                    n.has("unavailableLearners") ? StreamSupport.stream(n.get("unavailableLearners").spliterator(), false)
                            .map(JsonNode::asText).sorted().toList() : null));
        }
        return rows;
    }

    private static Target truth(Manifest.Entry entry, Path test) {
        return Targets.split(CsvReader.read(test, CsvOptions.defaults()), entry.target(), entry.task(),
                test.getFileName().toString()).target();
    }

    /**
     * Scores a finished run on its outer test rows with the task's metric, keeps the score in the
     * result as {@code testScore}, and moves the predictions out of it into a gzipped file beside the
     * result, {@code <result>.predictions.json.gz} (with the class order, so they can be scored again).
     * Called once per run, by the coordinator, before the result is written.
     *
     * @param result the contender's result, with {@code probabilities} or {@code values}; changed in place
     * @param entry the dataset
     * @param test the outer fold's test rows
     * @param resultFile where the result will be written
     * @throws IOException if the predictions cannot be written
     */
    static void keepScoreAndSetPredictionsAside(com.fasterxml.jackson.databind.node.ObjectNode result, Manifest.Entry entry,
            Path test, Path resultFile) throws IOException {
        result.put("testScore", Metric.defaultFor(entry.task()).compute(align(truth(entry, test), result), predictions(result)));
        var aside = JSON.createObjectNode();
        for (String key : List.of("classes", "probabilities", "values")) {
            if (result.has(key)) {
                aside.set(key, result.get(key));
            }
        }
        result.remove(List.of("probabilities", "values"));
        Path file = resultFile.resolveSibling(resultFile.getFileName() + ".predictions.json.gz");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            JSON.writeValue(gz, aside);
        }
    }

    /** Re-expresses the test target with the class order the contender predicted in. */
    private static Target align(Target truth, JsonNode result) {
        if (truth.labels() == null) {
            return truth;
        }
        var classes = new ArrayList<String>();
        result.get("classes").forEach(c -> classes.add(c.asText()));
        int[] labels = new int[truth.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes.indexOf(truth.classes().get(truth.labels()[i]));
            if (labels[i] < 0) {
                throw new IllegalStateException("test class " + truth.classes().get(truth.labels()[i]) + " was never predicted");
            }
        }
        return new Target(truth.column(), truth.task(), classes, labels, null);
    }

    /** Predictions as a result or an evidence file holds them: {@code values}, or {@code probabilities} rows. */
    static Predictions predictions(JsonNode n) {
        if (n.has("values")) {
            double[] v = new double[n.get("values").size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = n.get("values").get(i).asDouble();
            }
            return Predictions.ofValues(v);
        }
        JsonNode p = n.get("probabilities");
        double[][] out = new double[p.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[p.get(i).size()];
            for (int k = 0; k < out[i].length; k++) {
                out[i][k] = p.get(i).get(k).asDouble();
            }
        }
        return Predictions.ofProbabilities(out);
    }

    private static void writeResults(List<Row> rows, Path file) throws IOException {
        var sb = new StringBuilder("dataset,fold,contender,budget,score,fit_s,wall_s,overshoot,child_runs,failures,"
                + "peak_rss_mb,predict_ms,artifact_bytes,error\n");
        for (Row r : rows) {
            sb.append(String.join(",", r.dataset(), Integer.toString(r.fold()), r.contender(), r.budget(), fmt(r.score()),
                    fmt(r.fitSeconds()), fmt(r.wallSeconds()), fmt(r.overshoot()), Integer.toString(r.childRuns()),
                    Integer.toString(r.failures()), fmt(r.peakRssMb()), fmt(r.predictMillis()), Long.toString(r.artifactBytes()),
                    r.error() == null ? "" : '"' + r.error().replace("\"", "'") + '"')).append('\n');
        }
        Files.writeString(file, sb);
    }

    static double mean(double[] v) {
        OptionalDouble m = java.util.Arrays.stream(v).average();
        return m.isPresent() ? m.getAsDouble() : Double.NaN;
    }

    static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    private static double avg(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        return rows.stream().filter(r -> r.error() == null).mapToDouble(f).average().orElse(Double.NaN);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.5g", v);
    }

    private static long totalMemoryGib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
