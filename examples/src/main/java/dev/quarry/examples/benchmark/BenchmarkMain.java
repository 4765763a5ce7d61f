package dev.quarry.examples.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark coordinator: {@code quarry bench <suite.yaml> [--out <dir>] [--datasets <dir>] [--report-only]}.
 * For each dataset and outer fold, runs every contender in its own JVM on the same files with the
 * same budget and cores, one at a time (so contenders never share the machine), then writes the
 * report. A run with a successful result file is skipped, so an interrupted suite resumes; failed
 * runs are tried again. A result file is small (the test score, costs and counts); the run's test
 * predictions sit beside it in {@code <contender>@<budget>.json.predictions.json.gz} (and a Quarry
 * run's leaderboard in {@code .leaderboard.json.gz}), so a suite
 * under way can be committed without its predictions and resumed from a clean clone with
 * {@code --out} (the outer folds are written again from the seed). With {@code --report-only} nothing is run: the tables are written from the
 * runs already in the output folder (a suite still under way, or interrupted, can be summarised).
 */
public final class BenchmarkMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchmarkMain() {
    }

    /**
     * @param args the suite file, then options
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println("usage: quarry bench <suite.yaml> [--out <dir>] [--datasets <dir>] [--report-only]");
            System.out.println("Runs the suite's contenders on outer folds of the shared datasets and writes");
            System.out.println("results.csv, summary.csv, summary.md and budget.svg to the output folder.");
            System.exit(args.length == 0 ? 2 : 0);
        }
        Path suiteFile = Path.of(args[0]);
        Suite suite = Suite.load(suiteFile);
        Path out = Path.of("bench-out", suite.name());
        Path datasets = null;
        boolean reportOnly = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, i++));
                case "--datasets" -> datasets = Path.of(value(args, i++));
                case "--report-only" -> reportOnly = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        datasets = (datasets != null ? datasets : findDatasets(suiteFile)).toAbsolutePath();
        out = out.toAbsolutePath();
        Manifest manifest = Manifest.read(datasets.resolve("MANIFEST.tsv"));
        List<String> files = suite.datasets() != null ? suite.datasets()
                : manifest.entries().stream().map(Manifest.Entry::file).toList();
        Files.createDirectories(out);
        String command = "quarry bench " + String.join(" ", args);
        long started = System.nanoTime();
        for (String file : reportOnly ? List.<String>of() : files) {
            Manifest.Entry entry = manifest.entry(file);
            String name = file.replace(".csv", "");
            List<Path> folds = OuterFolds.write(datasets.resolve(file), entry, suite.folds(), suite.seed(), suite.maxRows(),
                    out.resolve("splits").resolve(name));
            for (int k = 0; k < suite.runFolds(); k++) {
                for (String id : suite.contenders()) {
                    Contender contender = Contender.of(id);
                    for (String budget : budgets(suite, contender)) {
                        Path result = out.resolve("runs").resolve(name).resolve("fold-" + k)
                                .resolve(id + "@" + budget + ".json");
                        if (succeeded(result)) {
                            continue;
                        }
                        waitWhilePaused(out);
                        run(contender, folds.get(k), entry, budget, suite, result);
                    }
                }
            }
        }
        Report.write(suite, manifest, out, command, Duration.ofNanos(System.nanoTime() - started));
        System.out.println("Wrote " + out.resolve("summary.md").toAbsolutePath());
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    /** The budgets a contender runs at: the main one, plus the ladder for quarry-default; "once" for the others. */
    static List<String> budgets(Suite suite, Contender contender) {
        if (!contender.budgeted()) {
            return List.of("once");
        }
        var out = new LinkedHashSet<String>();
        out.add(suite.budget());
        if (contender == Contender.QUARRY_DEFAULT) {
            out.addAll(suite.ladder());
        }
        return new ArrayList<>(out);
    }

    private static void run(Contender contender, Path fold, Manifest.Entry entry, String budget, Suite suite, Path result)
            throws IOException, InterruptedException {
        Files.createDirectories(result.getParent());
        String effectiveBudget = budget.equals("once") ? suite.budget() : budget;
        var args = List.of(contender.id(), fold.toString(), entry.target(), entry.task().name(), effectiveBudget,
                Long.toString(suite.seed()), Integer.toString(suite.parallelism()), result.toString());
        List<String> command;
        if (contender == Contender.H2O_AUTOML) {
            command = H2OProcess.command(root(), args);
        } else {
            command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC", "-Xmx8g", "-cp",
                    System.getProperty("java.class.path"), ContenderMain.class.getName()));
            command.addAll(args);
        }
        Path log = result.resolveSibling(result.getFileName() + ".log");
        System.out.printf(Locale.ROOT, "%-24s %-7s %-18s %-6s ", entry.file(), fold.getFileName(), contender.id(), budget);
        System.out.flush();
        long t0 = System.nanoTime();
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (suite.evidence()) {
            builder.environment().put(ContenderMain.EVIDENCE_ENV, "1");
        }
        Process p = builder.start();
        long limit = Duration.ofSeconds(120).plus(suite.budgetDuration().multipliedBy(3)).toSeconds();
        boolean ended = p.waitFor(limit, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - t0) / 1e9;
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        ObjectNode node;
        if (ended && p.exitValue() == 0 && Files.isRegularFile(result)) {
            node = (ObjectNode) JSON.readTree(result.toFile());
        } else {
            node = JSON.createObjectNode();
            node.put("contender", contender.id());
            node.put("error", ended ? "exit code " + p.exitValue() + "; see " + log.getFileName() : "killed after " + limit + " s");
        }
        node.put("wallSeconds", wall);
        node.put("budget", budget);
        if (!node.has("error")) {
            Report.keepScoreAndSetPredictionsAside(node, entry, fold.resolve("test.csv"), result);
        }
        JSON.writeValue(result.toFile(), node);
        if (!node.has("error")) {
            Path work = result.resolveSibling(result.getFileName() + ".work");
            keepLeaderboard(work, result);
            dev.quarry.runner.store.Workspace.deleteTree(work);
        }
        System.out.printf(Locale.ROOT, "%6.1fs %s%n", wall, node.has("error") ? "FAILED: " + node.get("error").asText() : "ok");
    }

    /**
     * Keeps a Quarry run's leaderboard (every child run with its learner, params, score and costs, and
     * what was shipped) gzipped beside the result as {@code <result>.leaderboard.json.gz}, since the
     * work folder that holds it is deleted; other contenders have none.
     */
    private static void keepLeaderboard(Path work, Path result) throws IOException {
        if (!Files.isDirectory(work)) {
            return;
        }
        Path board;
        try (var files = Files.walk(work)) {
            board = files.filter(f -> f.getFileName().toString().equals("leaderboard.json")
                    && f.getParent().getFileName().toString().equals("outputs")).findFirst().orElse(null);
        }
        if (board != null) {
            try (var gz = new java.util.zip.GZIPOutputStream(
                    Files.newOutputStream(result.resolveSibling(result.getFileName() + ".leaderboard.json.gz")))) {
                Files.copy(board, gz);
            }
        }
    }

    /** The file whose presence in the output folder holds the suite before its next run. */
    static final String PAUSE_FILE = "PAUSE";

    /**
     * Holds the suite while {@code <out>/PAUSE} exists, so that the machine can be used for something
     * else between two runs without disturbing a measurement: create the file, wait for the line
     * saying the suite is paused, and delete it to go on.
     */
    static void waitWhilePaused(Path out) throws InterruptedException {
        Path pause = out.resolve(PAUSE_FILE);
        if (!Files.exists(pause)) {
            return;
        }
        System.out.println("paused: delete " + pause + " to go on");
        while (Files.exists(pause)) {
            Thread.sleep(2000);
        }
        System.out.println("resumed");
    }

    /** A run is done when its result file exists without an error; failed runs are tried again on resume. */
    private static boolean succeeded(Path result) throws IOException {
        return Files.isRegularFile(result) && !JSON.readTree(result.toFile()).has("error");
    }

    /** A finished run's work folder (its workspace and model) is not needed once its result is written. */

    /** The repository root: set by the launcher as quarry.root, else found above the working directory. */
    static Path root() {
        String set = System.getProperty("quarry.root");
        if (set != null) {
            return Path.of(set);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples/h2o-contender"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root; run through ./quarry bench");
    }

    private static Path findDatasets(Path suiteFile) {
        for (Path start : List.of(suiteFile.toAbsolutePath().getParent(), Path.of("").toAbsolutePath())) {
            for (Path p = start; p != null; p = p.getParent()) {
                Path candidate = p.resolve("shared").resolve("datasets");
                if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) {
                    return candidate;
                }
            }
        }
        throw new IllegalArgumentException("no shared/datasets/MANIFEST.tsv above " + suiteFile + "; pass --datasets <dir>");
    }
}
