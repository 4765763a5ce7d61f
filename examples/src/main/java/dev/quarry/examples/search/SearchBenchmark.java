package dev.quarry.examples.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./quarry bench-search [--out dir] [--seeds 5] [--dataset-seeds 2] [--budget 30s]
 * [--datasets a.csv,b.csv] [--datasets-dir dir] [--validation auto|holdout] [--strategies random,gp,...]
 * [--synthetic-only | --datasets-only]}: compares random search, TPE, the GP optimiser and TPE with
 * ASHA in one run, several seeds each ({@code --strategies} picks some of them for the dataset part;
 * random search and the default are always among them, the verdict needs both).
 *
 * <p>Synthetic part: Branin and Hartmann-6 minimised through the search module alone; cost is
 * counted in full evaluations (a rung at share r costs r). Reports the evaluations each strategy
 * needs to come within 0.1 of the optimum (median over seeds) and the ratio to random search's; the
 * verdict compares the Bayesian samplers' median with a third of random search's need and lists
 * how many seeds reached the target within the run.
 *
 * <p>Dataset part: real experiments with a fixed wall-clock budget and one worker, validated by
 * Quarry's {@code auto} rule (the default: k-fold below 20,000 rows, as {@code quarry run} does) or on
 * a 20% holdout (more trials, each scored noisily). Reports each
 * strategy's final best validation score and, paired by seed, the time it needs to reach random
 * search's final score with the same seed, as a share of the budget: per seed, the median over
 * seeds, and the verdict for the default strategy (within a third of the budget on at least three
 * of four datasets).
 *
 * <p>Writes {@code synthetic.csv} (every step of every best-so-far curve), {@code datasets.csv} (every point),
 * {@code trials.csv} (every child run of the dataset part: when it finished, learner, state, fit time, score, params),
 * {@code summary.md} and {@code curves.svg} (median best-so-far curves) to the output folder.
 */
public final class SearchBenchmark {

    /** Four datasets of different tasks and sizes; targets and tasks come from MANIFEST.tsv. */
    private static final List<String> DATASETS = List.of("credit-g.csv", "phoneme.csv", "vehicle.csv", "abalone.csv");

    private SearchBenchmark() {
    }

    /**
     * @param args see the class comment
     * @throws Exception if a run fails or the output cannot be written
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of("bench-out/search");
        int seeds = 5;
        int datasetSeeds = 2;
        Duration budget = Duration.ofSeconds(30);
        Path datasetsDir = null;
        boolean syntheticOnly = false;
        boolean datasetsOnly = false;
        List<String> datasets = DATASETS;
        DatasetRun.Validation validation = DatasetRun.Validation.AUTO;
        List<Strategy> strategies = Strategy.ALL;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--dataset-seeds" -> datasetSeeds = Integer.parseInt(args[++i]);
                case "--budget" -> budget = dev.quarry.automl.config.Durations.parse(args[++i]);
                case "--datasets-dir" -> datasetsDir = Path.of(args[++i]);
                case "--datasets" -> datasets = Arrays.asList(args[++i].split(","));
                case "--validation" -> validation = DatasetRun.Validation.parse(args[++i]);
                case "--strategies" -> strategies = Strategy.parseList(args[++i]);
                case "--synthetic-only" -> syntheticOnly = true;
                case "--datasets-only" -> datasetsOnly = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --out, --seeds, --dataset-seeds, --budget, --datasets, --datasets-dir, --validation, "
                        + "--strategies, --synthetic-only, --datasets-only");
            }
        }
        Files.createDirectories(out);
        var summary = new StringBuilder("# Search benchmark\n\n");
        summary.append("Command: `./quarry bench-search ").append(String.join(" ", args)).append("`  \n");
        summary.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append("\n\n");
        var panels = new ArrayList<Curves.Panel>();
        if (!datasetsOnly) {
            synthetic(out, seeds, summary, panels);
        }
        Files.writeString(out.resolve("summary.md"), summary);
        if (!syntheticOnly) {
            Path dir = datasetsDir != null ? datasetsDir : findDatasets();
            datasets(out, dir, datasets, datasetSeeds, budget, validation, strategies, summary, panels);
        }
        Files.writeString(out.resolve("summary.md"), summary);
        Files.writeString(out.resolve("curves.svg"), Curves.svg(panels, Strategy.ALL.stream().map(s -> s.id).toList()));
        System.out.println(summary);
        System.out.println("Wrote " + out.toAbsolutePath());
    }

    private static void synthetic(Path out, int seeds, StringBuilder summary, List<Curves.Panel> panels)
            throws IOException {
        var csv = new StringBuilder("problem,strategy,seed,cost,best\n");
        summary.append("## Synthetic functions (cost in full evaluations; target: within 0.1 of the optimum)\n\n");
        summary.append("Random search's evaluations to the target are geometric, so besides its seeds the table gives their "
                + "expectation 1/p, with p the share of 2,000,000 uniform draws within the target. A median counts a seed "
                + "that missed the target within its budget as slower than every hit (shown as > budget).\n\n");
        summary.append("| problem | strategy | solved seeds | median evaluations to target | slowest seed | ratio to random's median "
                + "| ratio to random's expectation | median best after 100 | ms per suggestion (mean; last 100) |\n");
        summary.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        var verdicts = new StringBuilder();
        for (TestFunctions f : List.of(TestFunctions.BRANIN, TestFunctions.HARTMANN6)) {
            double randomMedian = Double.NaN;
            double expected = 1 / hitRate(f, 2_000_000);
            var lines = new LinkedHashMap<String, double[][]>();
            for (Strategy s : Strategy.ALL) {
                double maxCost = switch (s) {
                    case RANDOM -> f == TestFunctions.BRANIN ? 5000 : 100000;
                    // 300 on Hartmann-6 also shows the GP's time per suggestion with more than 200 points.
                    case GP -> f == TestFunctions.BRANIN ? 60 : 300;
                    case TPE, TPE_ASHA -> f == TestFunctions.BRANIN ? 300 : 400;
                };
                double[] toTarget = new double[seeds];
                double[] at100 = new double[seeds];
                double[] meanMillis = new double[seeds];
                double[] lateMillis = new double[seeds];
                var curves = new ArrayList<List<SyntheticRun.Point>>();
                for (int seed = 0; seed < seeds; seed++) {
                    long t0 = System.nanoTime();
                    var curve = SyntheticRun.run(f, s.sampler(seed), s.scheduler(), maxCost);
                    curves.add(curve);
                    toTarget[seed] = SyntheticRun.costToReach(curve, f.optimum() + f.tolerance());
                    at100[seed] = bestAt(curve, 100);
                    meanMillis[seed] = curve.stream().mapToDouble(SyntheticRun.Point::proposeMillis).average().orElse(0);
                    lateMillis[seed] = curve.subList(Math.max(0, curve.size() - 100), curve.size()).stream()
                            .mapToDouble(SyntheticRun.Point::proposeMillis).average().orElse(0);
                    // The curve's steps only (its first point, every improvement, its last point): random search's
                    // 100,000-point curves would otherwise make the file tens of megabytes.
                    for (int i = 0; i < curve.size(); i++) {
                        SyntheticRun.Point p = curve.get(i);
                        if (i == 0 || i == curve.size() - 1 || p.best() != curve.get(i - 1).best()) {
                            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.6f%n", f.name(), s.id, seed, p.cost(),
                                    p.best()));
                        }
                    }
                    System.err.printf(Locale.ROOT, "%s %s seed %d: target at %.1f evaluations (%.1f s)%n", f.name(), s.id,
                            seed, toTarget[seed], (System.nanoTime() - t0) / 1e9);
                }
                double med = medianCountingMisses(toTarget);
                if (s == Strategy.RANDOM) {
                    randomMedian = med;
                }
                long solved = Arrays.stream(toTarget).filter(v -> !Double.isNaN(v)).count();
                double slowest = Arrays.stream(toTarget).map(v -> Double.isNaN(v) ? Double.POSITIVE_INFINITY : v).max()
                        .orElse(Double.NaN);
                summary.append(String.format(Locale.ROOT, "| %s | %s | %d/%d | %s | %s | %s | %s | %.4f | %s |%n", f.name(),
                        s.id, solved, seeds, Double.isInfinite(med) ? "> " + (int) maxCost : String.format(Locale.ROOT, "%.1f", med),
                        Double.isInfinite(slowest) ? "> " + (int) maxCost : String.format(Locale.ROOT, "%.0f", slowest),
                        ratio(med, randomMedian), ratio(med, expected), median(at100), s == Strategy.RANDOM ? "n/a"
                                : String.format(Locale.ROOT, "%.1f; %.1f", median(meanMillis), median(lateMillis))));
                if (s == Strategy.TPE || s == Strategy.GP) {
                    // Random search's need: its median over seeds when every seed hit, else its expectation 1/p
                    // (its seeds' misses within 100,000 only bound it from below). The sampler's count is its
                    // median over seeds, a miss counting as slower than every hit, as in the dataset part: random
                    // search's own count is geometric, so it reaches the target within a third of its expectation
                    // on only 1 - e^(-1/3) = 28% of seeds, and "every seed" is not a rule random search meets itself.
                    double need = Double.isFinite(randomMedian) ? randomMedian : expected;
                    verdicts.append(String.format(Locale.ROOT, "- %s, %s: median %s evaluations against a third of "
                            + "random's %.0f (%.0f): %s; %d of %d seeds reached the target within %d%s%n",
                            f.name(), s.id, Double.isInfinite(med) ? "> " + (int) maxCost : String.format(Locale.ROOT, "%.1f", med),
                            need, need / 3, med <= need / 3 ? "yes" : "NO", solved, seeds, (int) maxCost,
                            Double.isInfinite(slowest) ? "" : String.format(Locale.ROOT, ", the slowest in %.0f", slowest)));
                }
                lines.put(s.id, medianCurve(curves, maxCost));
            }
            summary.append(String.format(Locale.ROOT, "| %s | random, expected (1/p) | | %.0f | | | 1 | | |%n", f.name(),
                    expected));
            panels.add(new Curves.Panel(f.name() + " (best value, lower is better)", "evaluations", lines));
        }
        summary.append("\nVerdict (point 2, synthetic part):\n\n").append(verdicts).append("\n");
        Files.writeString(out.resolve("synthetic.csv"), csv);
    }

    private static void datasets(Path out, Path dir, List<String> names, int seeds, Duration budget,
            DatasetRun.Validation validation, List<Strategy> strategies, StringBuilder summary, List<Curves.Panel> panels)
            throws Exception {
        var csv = new StringBuilder("dataset,strategy,seed,seconds,best,trials\n");
        var trialsCsv = new StringBuilder("dataset,strategy,seed,trial,seconds,learner,state,fitSeconds,score,params\n");
        summary.append("## Datasets (budget ").append(budget.toSeconds()).append(" s per run, one worker, ")
                .append(validation.description).append(", no ensemble)\n\n");
        summary.append("Random search draws every trial uniformly (no defaults or portfolios first); the default strategy is "
                + "what `quarry run` does without a `search` section.\n");
        summary.append("Score: the best validation score of the primary metric (AUC, log loss for multiclass, RMSE for regression).\n");
        summary.append("Time to random's final: paired by seed, the first time a strategy's best reached random search's final "
                + "score with the same seed, as a share of the budget; the median over seeds (> 1 if never).\n\n");
        summary.append("| dataset | strategy | median final score | median trials | time to random's final / budget |\n");
        summary.append("| --- | --- | --- | --- | --- |\n");
        Path work = Files.createTempDirectory("quarry-bench-search");
        var perSeed = new StringBuilder("\nPer seed: the time each strategy's run first reached random search's final score with "
                + "the same seed, as a share of the budget (> 1: never).\n\n| dataset | seed | random's final |");
        for (Strategy s : strategies) {
            perSeed.append(' ').append(s.id).append(s == Strategy.DEFAULT ? " (default)" : "").append(" |");
        }
        perSeed.append("\n| --- | --- | --- |").append(" --- |".repeat(strategies.size())).append('\n');
        var verdict = new StringBuilder();
        int passed = 0;
        for (String name : names) {
            var entry = dev.quarry.examples.benchmark.Manifest.read(dir.resolve("MANIFEST.tsv")).entry(name);
            String[] meta = {entry.target(), entry.task().name().toLowerCase(Locale.ROOT)};
            var results = new LinkedHashMap<Strategy, List<DatasetRun.Result>>();
            for (Strategy s : strategies) {
                var list = new ArrayList<DatasetRun.Result>();
                for (int seed = 0; seed < seeds; seed++) {
                    var r = DatasetRun.run(dir.resolve(name), meta[0], meta[1], s, seed + 1, budget, validation,
                            work.resolve(name + "-" + s.id + "-" + seed));
                    list.add(r);
                    for (DatasetRun.Point p : r.curve()) {
                        csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.3f,%.6f,%d%n", name, s.id, seed, p.seconds(),
                                p.best(), r.trials()));
                    }
                    for (DatasetRun.TrialRow t : r.rows()) {
                        trialsCsv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.3f,%s,%s,%.3f,%.6f,\"%s\"%n", name, s.id,
                                seed, t.trial(), t.seconds(), t.learner(), t.state(), t.fitSeconds(), t.score(),
                                t.params().replace("\"", "'")));
                    }
                    System.err.printf(Locale.ROOT, "%s %s seed %d: %d trials, final %.5f%n", name, s.id, seed, r.trials(),
                            r.curve().isEmpty() ? Double.NaN : r.curve().getLast().best());
                }
                results.put(s, list);
            }
            boolean larger = results.get(Strategy.RANDOM).getFirst().larger();
            List<DatasetRun.Result> randoms = results.get(Strategy.RANDOM);
            var shares = new LinkedHashMap<Strategy, double[]>();
            var lines = new LinkedHashMap<String, double[][]>();
            for (var e : results.entrySet()) {
                double[] finals = e.getValue().stream().mapToDouble(r -> r.curve().isEmpty() ? Double.NaN
                        : r.curve().getLast().best()).toArray();
                // Paired by seed: the time this strategy's run with seed s first reached random search's final
                // score with seed s.
                double[] times = new double[e.getValue().size()];
                for (int k = 0; k < times.length; k++) {
                    var rc = randoms.get(k).curve();
                    times[k] = rc.isEmpty() ? Double.NaN
                            : DatasetRun.timeToReach(e.getValue().get(k).curve(), rc.getLast().best(), larger);
                }
                double t = medianCountingMisses(times);
                shares.put(e.getKey(), Arrays.stream(times).map(v -> v / budget.toSeconds()).toArray());
                summary.append(String.format(Locale.ROOT, "| %s | %s | %.5f | %.0f | %s |%n", name, e.getKey().id,
                        median(finals), median(e.getValue().stream().mapToDouble(DatasetRun.Result::trials).toArray()),
                        Double.isInfinite(t) ? "> 1" : String.format(Locale.ROOT, "%.3f", t / budget.toSeconds())));
                lines.put(e.getKey().id, medianTimeCurve(e.getValue(), budget.toSeconds(), larger));
            }
            for (int k = 0; k < seeds; k++) {
                var rc = randoms.get(k).curve();
                perSeed.append(String.format(Locale.ROOT, "| %s | %d | %s |", name, k,
                        rc.isEmpty() ? "none" : String.format(Locale.ROOT, "%.5f", rc.getLast().best())));
                for (Strategy s : strategies) {
                    double share = shares.get(s)[k];
                    perSeed.append(Double.isNaN(share) ? " > 1 |" : String.format(Locale.ROOT, " %.3f |", share));
                }
                perSeed.append('\n');
            }
            double defaultShare = medianCountingMisses(shares.get(Strategy.DEFAULT));
            boolean ok = defaultShare <= 1 / 3.0;
            passed += ok ? 1 : 0;
            verdict.append(String.format(Locale.ROOT, "- %s: the default (%s) reaches random's final score in %s of the budget "
                    + "(median over %d seeds): %s%n", name, Strategy.DEFAULT.id, Double.isInfinite(defaultShare) ? "> 1"
                    : String.format(Locale.ROOT, "%.3f", defaultShare), seeds, ok ? "within a third" : "NOT within a third"));
            Files.writeString(out.resolve("summary.md"), summary);
            Files.writeString(out.resolve("datasets.csv"), csv);
            Files.writeString(out.resolve("trials.csv"), trialsCsv);
            panels.add(new Curves.Panel(name.replace(".csv", "") + " (best validation score" + (larger ? ", higher" : ", lower")
                    + " is better)", "seconds", lines));
            System.err.println(name + " done");
        }
        summary.append(perSeed);
        summary.append("\nVerdict (point 2, dataset part: the default strategy reaches random search's final score in at "
                + "most a third of the time on at least 3 of 4 datasets):\n\n").append(verdict);
        summary.append(String.format(Locale.ROOT, "%nDatasets within a third: %d of %d: %s%n", passed, names.size(),
                passed >= Math.min(3, names.size()) ? "shown" : "NOT shown"));
        summary.append("\n");
        Files.writeString(out.resolve("datasets.csv"), csv);
    }

    /**
     * The share of uniform points within the target: random search's evaluations to the target are
     * geometric with this parameter, so their expectation is its inverse.
     */
    private static double hitRate(TestFunctions f, int draws) {
        var rng = new java.util.SplittableRandom(20261201L);
        var branch = f.space().learners().getFirst();
        int hits = 0;
        for (int i = 0; i < draws; i++) {
            if (f.value(branch.sample(rng)) <= f.optimum() + f.tolerance()) {
                hits++;
            }
        }
        return hits / (double) draws;
    }

    private static double bestAt(List<SyntheticRun.Point> curve, double cost) {
        double best = Double.NaN;
        for (SyntheticRun.Point p : curve) {
            if (p.cost() > cost + 1e-9) {
                break;
            }
            best = p.best();
        }
        return best;
    }

    /** Median best-so-far on a log-spaced cost grid. */
    private static double[][] medianCurve(List<List<SyntheticRun.Point>> curves, double maxCost) {
        int n = 60;
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double c = Math.pow(10, Math.log10(maxCost) * (i + 1) / n);
            final double cost = c;
            out[i] = new double[] {c, median(curves.stream().mapToDouble(cv -> bestAt(cv, cost)).toArray())};
        }
        return out;
    }

    private static double[][] medianTimeCurve(List<DatasetRun.Result> runs, double budget, boolean larger) {
        int n = 50;
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = budget * Math.pow(10, -2 + 2.0 * (i + 1) / n);
            out[i] = new double[] {t, median(runs.stream().mapToDouble(r -> {
                double best = Double.NaN;
                for (DatasetRun.Point p : r.curve()) {
                    if (p.seconds() <= t) {
                        best = p.best();
                    }
                }
                return best;
            }).toArray())};
        }
        return out;
    }

    /** A ratio of evaluation counts, n/a unless both are known. */
    private static String ratio(double med, double random) {
        if (Double.isFinite(med) && Double.isFinite(random)) {
            return String.format(Locale.ROOT, "%.4f", med / random);
        }
        return "n/a";
    }

    /** Median ignoring NaN; NaN if none. */
    static double median(double[] v) {
        double[] x = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (x.length == 0) {
            return Double.NaN;
        }
        return x.length % 2 == 1 ? x[x.length / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2;
    }

    /** Median with misses (NaN) counted as +infinity, as a miss is slower than any hit. */
    static double medianCountingMisses(double[] v) {
        double[] x = Arrays.stream(v).map(d -> Double.isNaN(d) ? Double.POSITIVE_INFINITY : d).sorted().toArray();
        return x.length % 2 == 1 ? x[x.length / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2;
    }

    private static Path findDatasets() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/datasets");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path sibling = p.resolveSibling("shared").resolve("datasets");
            if (Files.isDirectory(sibling)) {
                return sibling;
            }
        }
        throw new IllegalStateException("no shared/datasets folder above " + Path.of("").toAbsolutePath()
                + "; pass --datasets-dir");
    }
}
