package dev.quarry.examples.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.experiment.Experiments;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.report.DatasetProfiles;
import dev.quarry.automl.report.DiagnosticsBuilder;
import dev.quarry.automl.report.ReportAssembler;
import dev.quarry.automl.report.ReportFiles;
import dev.quarry.automl.report.ReportInputs;
import dev.quarry.examples.browser.HeadlessChromium;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import dev.quarry.reports.model.Diagnostics;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.sampler.RandomSampler;
import dev.quarry.search.space.Params;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code ./quarry bench report [--runs N] [--repeats R] [--out DIR] [--datasets DIR]}: writes an
 * experiment report with N child runs (default 5,000) through the real run store, assembler and
 * renderer, opens it in headless Chromium R times (default 5) and prints the file size and the
 * median time until the page is interactive: the page's script has drawn everything
 * ({@code performance.mark('quarry-ready')}, measured from navigation start) plus one leaderboard
 * sort by a header click. A 50-run report measured the same way in the same run is the baseline.
 *
 * <p>The child runs are synthetic (params drawn by the random sampler from the real credit-g search
 * space, scores a noisy function of the learner, 10% pruned, 5% failed, spread over 8 workers);
 * the dataset profile is credit-g's; the diagnostics are built from synthetic predictions on its
 * 1,000 rows.
 */
public final class ReportBenchmark {

    private static final int WORKERS = 8;

    private ReportBenchmark() {
    }

    /**
     * @param args see the class comment
     */
    public static void main(String[] args) throws Exception {
        int runs = 5000;
        int repeats = 5;
        Path out = Path.of("bench-out", "report");
        Path datasets = Path.of(System.getProperty("quarry.root", ".")).resolve("../shared/datasets");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--datasets" -> datasets = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: quarry bench report [--runs N] [--repeats R] [--out DIR] [--datasets DIR]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(out);
        Path creditG = datasets.resolve("credit-g.csv").toAbsolutePath().normalize();
        Path baseline = write(out.resolve("baseline"), creditG, 50);
        Path big = write(out.resolve("runs-" + runs), creditG, runs);
        try (var browser = HeadlessChromium.start(HeadlessChromium.DEFAULT_BINARY, 1400, 1000)) {
            double[] base = measure(browser, baseline, repeats);
            double[] large = measure(browser, big, repeats);
            browser.screenshot(out.resolve("runs-" + runs + ".png"));
            long size = Files.size(big);
            long baseSize = Files.size(baseline);
            var table = new StringBuilder();
            table.append("| report | file size | ready (median ms) | first sort (median ms) | interactive (median ms) |\n");
            table.append("| --- | ---: | ---: | ---: | ---: |\n");
            row(table, "50 child runs (baseline)", baseSize, base);
            row(table, runs + " child runs", size, large);
            table.append(String.format(Locale.ROOT, "%nratio %d / 50 runs: size x%.1f, interactive x%.2f; "
                    + "targets: size < 10 MB (%s), interactive < 2000 ms (%s)%n", runs, size / (double) baseSize,
                    large[2] / base[2], size < 10_000_000 ? "met" : "MISSED", large[2] < 2000 ? "met" : "MISSED"));
            System.out.print(table);
            Files.writeString(out.resolve("results.md"), table);
            System.out.println("Report: " + big.toAbsolutePath());
        }
    }

    private static void row(StringBuilder table, String name, long size, double[] t) {
        table.append(String.format(Locale.ROOT, "| %s | %.2f MB | %.0f | %.0f | %.0f |%n", name, size / 1e6, t[0], t[1], t[2]));
    }

    /** Opens the page {@code repeats} times; returns the medians of ready, first sort and their sum, in ms. */
    private static double[] measure(HeadlessChromium browser, Path report, int repeats) throws Exception {
        double[][] samples = new double[3][repeats];
        for (int r = 0; r < repeats; r++) {
            browser.open("about:blank");
            browser.open(report.toUri().toString());
            JsonNode m = browser.evaluate("""
                    (() => {
                      const ready = performance.getEntriesByName('quarry-ready')[0].startTime;
                      const t0 = performance.now();
                      document.querySelector('#leaderboard th[data-key="fitSeconds"]').click();
                      const rows = document.querySelectorAll('#leaderboard tbody tr').length;
                      return {ready, sort: performance.now() - t0, rows};
                    })()""");
            if (!browser.problems().isEmpty()) {
                throw new IllegalStateException("the page reported problems: " + browser.problems());
            }
            samples[0][r] = m.get("ready").asDouble();
            samples[1][r] = m.get("sort").asDouble();
            samples[2][r] = samples[0][r] + samples[1][r];
        }
        return new double[] {median(samples[0]), median(samples[1]), median(samples[2])};
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Records an experiment with {@code n} synthetic child runs in a fresh workspace and writes its report. */
    private static Path write(Path root, Path creditG, int n) throws Exception {
        if (Files.exists(root)) {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        var config = ConfigLoader.parse("""
                name: bench-report
                data: {train: '%s', target: class}
                budget: {maxTrials: %d}
                """.formatted(creditG, n), ConfigLoader.Format.YAML, root, "bench.yaml", "bench");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        var prepared = Experiments.prepare(config, "bench.yaml", start);
        var experiment = prepared.experiment();
        var workspace = Workspace.open(root);
        var random = new Random(7);
        var sampler = new RandomSampler(7, true);
        var empty = new SearchHistory(Direction.MAXIMIZE, List.of());
        try (var store = SqliteRunStore.open(workspace.database())) {
            store.createExperiment(new ExperimentRecord(experiment.id(), experiment.name(), ExperimentStatus.RUNNING,
                    Task.BINARY.name(), "auc", Direction.MAXIMIZE, 7, "{\"config\":{\"budget\":{\"maxTrials\":" + n
                    + ",\"maxDuration\":\"PT1H\"}}}", creditG.toString(), prepared.data().sha256(), Map.of(), start,
                    null, null, null, Double.NaN));
            double[] free = new double[WORKERS];
            int best = -1;
            double bestScore = Double.NaN;
            for (int t = 0; t < n; t++) {
                Params params = sampler.propose(experiment.space(), empty, t);
                int w = 0;
                for (int k = 1; k < WORKERS; k++) {
                    w = free[k] < free[w] ? k : w;
                }
                double seconds = 0.2 + random.nextDouble() * 3;
                Instant s = start.plusNanos((long) (free[w] * 1e9));
                Instant e = start.plusNanos((long) ((free[w] + seconds) * 1e9));
                free[w] += seconds;
                double u = random.nextDouble();
                double score = 0.70 + 0.04 * Math.abs(params.learner().hashCode() % 3) / 2.0 + random.nextGaussian() * 0.02;
                TrialResult r;
                if (u < 0.05) {
                    r = new TrialResult(experiment.id(), t, params, t, TrialState.FAILED, FailureKind.LEARNER_ERROR,
                            "IllegalStateException: synthetic failure " + t, Double.NaN, Map.of(), s, e, 0, "local-" + w);
                } else {
                    var state = u < 0.15 ? TrialState.PRUNED : TrialState.COMPLETED;
                    r = new TrialResult(experiment.id(), t, params, t, state, null, null, score,
                            Map.of("auc", score, "auc_std", 0.01 + random.nextDouble() * 0.03, "accuracy", score - 0.05),
                            s, e, seconds * 0.9, "local-" + w);
                    if (state == TrialState.COMPLETED && (best < 0 || score > bestScore)) {
                        best = t;
                        bestScore = score;
                    }
                }
                store.trialFinished(r);
            }
            double end = Arrays.stream(free).max().orElse(0);
            store.finishExperiment(experiment.id(), ExperimentStatus.COMPLETED, "reached maxTrials",
                    start.plusNanos((long) (end * 1e9)), best, bestScore);
            ReportInputs inputs = new ReportInputs(DatasetProfiles.of(creditG.toString(), prepared.data().sha256(),
                    prepared.data().train(), experiment.featurizerSpec()), experiment.validation(), experiment.folds().size(),
                    "refit on all 1000 training rows", best, "the best score",
                    diagnostics(prepared.data().train().target(), best, random));
            var report = ReportAssembler.assemble(store.experiment(experiment.id()).orElseThrow(),
                    store.trials(experiment.id()), inputs, null, Instant.now());
            return ReportFiles.write(workspace, report, inputs);
        }
    }

    /** Diagnostics from synthetic probabilities that lean towards each row's true class. */
    private static Diagnostics diagnostics(Target truth, int trial, Random random) {
        double[][] p = new double[truth.size()][];
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(1, Math.max(0, (truth.labels()[i] == 1 ? 0.65 : 0.35) + random.nextGaussian() * 0.2));
            p[i] = new double[] {1 - q, q};
        }
        var predictions = Predictions.ofProbabilities(p);
        var d = DiagnosticsBuilder.build("trial " + trial + " (synthetic)", trial, Metric.parse("auc"), List.of(truth),
                List.of(predictions));
        return new Diagnostics(d.model(), d.trial(), d.rows(), d.foldScores(), d.classes(), d.confusion(), d.roc(), d.pr(),
                d.calibration(), d.predictedActual(), List.of(), "synthetic diagnostics: importance not measured");
    }
}
