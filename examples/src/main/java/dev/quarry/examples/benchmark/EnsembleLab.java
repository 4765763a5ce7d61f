package dev.quarry.examples.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.automl.config.EnsembleConfig;
import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.experiment.EnsembleReplay;
import dev.quarry.automl.experiment.ExperimentLoop;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Scores, on the outer test rows, what each Quarry run of a suite could have shipped: its best
 * single trial by validation score (as the average of its fold models), each ensemble it built, and
 * what it shipped, from the evidence files a suite with {@code evidence: true} leaves beside its
 * results ({@link EvidenceFile}). One run's search gives both sides, so the comparison carries no
 * search-to-search noise, only the test rows'. It also replays other ways of combining the same trials
 * ({@link EnsembleReplay}), chosen on their out-of-fold predictions only.
 *
 * <p>Usage: {@code quarry bench lab <suite output folder>}; prints a markdown table per run and per
 * dataset (means over folds) and writes it to {@code <folder>/lab.md}.
 */
public final class EnsembleLab {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The kinds compared, in column order; an absent one is shown as "-". */
    static final List<String> KINDS = List.of("best single", ExperimentLoop.ENSEMBLE, ExperimentLoop.BEST_OF_FAMILY,
            ExperimentLoop.STACKING, "shipped", "replayed greedy", "3-family pool greedy", "top-3 average", "greedy 50 rounds",
            "bagged greedy", "nested choice", "pooled greedy", "replayed stacking", "stacking 1-SE", "nested pool choice");

    /** Quarry's default ensemble settings, which the replays follow. */
    private static final EnsembleConfig DEFAULTS = new EnsembleConfig(null, null, null);

    /** The greedy rounds of Quarry's default ensemble ({@code ensemble.rounds}). */
    static final int ROUNDS = DEFAULTS.rounds();

    /** The default pool's best trials ({@code ensemble.candidates}), for {@link #narrowPool}. */
    static final int DEFAULT_CANDIDATES = DEFAULTS.candidates();

    /**
     * The narrow pool's learner families, each adding its best trial: {@code ensemble.poolFamilies: 3},
     * the default until the wide pool was measured better (quality suites at edc4b92).
     */
    static final int NARROW_FAMILIES = 3;

    /** Bagged ensemble selection (Caruana et al. 2006): bags, each greedy over a random half of the pool. */
    static final int BAGS = 20;

    private EnsembleLab() {
    }

    /**
     * One run's test scores.
     *
     * @param dataset the dataset
     * @param fold the outer fold
     * @param run the result file's name, e.g. {@code quarry-default@2m}
     * @param metric the metric
     * @param scores test score by kind ({@link #KINDS})
     * @param members the kept trials' learners, best first
     */
    record RunScores(String dataset, int fold, String run, Metric metric, Map<String, Double> scores, List<String> members) {
    }

    /**
     * @param args the suite's output folder
     * @throws IOException on a read or write error
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: quarry bench lab <suite output folder>");
        }
        Path out = Path.of(args[0]);
        List<RunScores> runs = read(out.resolve("runs"));
        String table = markdown(runs);
        Files.writeString(out.resolve("lab.md"), table);
        System.out.print(table);
    }

    /** Reads every evidence file under a suite's {@code runs} folder, in path order. */
    static List<RunScores> read(Path runs) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(runs)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".evidence.json.gz")).sorted().toList();
        }
        var out = new ArrayList<RunScores>();
        for (Path f : files) {
            JsonNode n;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                n = JSON.readTree(in);
            }
            String name = f.getFileName().toString().replace(".json.evidence.json.gz", "");
            int fold = Integer.parseInt(f.getParent().getFileName().toString().substring("fold-".length()));
            out.add(score(f.getParent().getParent().getFileName().toString(), fold, name, n));
        }
        return out;
    }

    /** Scores one run's evidence on its test rows. */
    static RunScores score(String dataset, int fold, String run, JsonNode n) {
        Task task = Task.valueOf(n.get("task").asText().toUpperCase(Locale.ROOT));
        Metric metric = Metric.defaultFor(task);
        List<String> classes = new ArrayList<>();
        n.get("classes").forEach(c -> classes.add(c.asText()));
        JsonNode test = n.get("test");
        int[] keep;
        Target truth;
        if (task.isClassification()) {
            int[] labels = ints(test.get("labels"));
            keep = IntStream.range(0, labels.length).filter(i -> labels[i] >= 0).toArray();
            truth = new Target("target", task, classes, IntStream.of(keep).map(i -> labels[i]).toArray(), null);
        } else {
            double[] values = doubles(test.get("values"));
            keep = IntStream.range(0, values.length).toArray();
            truth = new Target("target", task, List.of(), null, values);
        }
        // each kept trial's out-of-fold and test predictions, parsed once
        var members = new ArrayList<String>();
        var trials = new ArrayList<EnsembleReplay.Trial>();
        var tests = new ArrayList<Predictions>();
        // the trials the run's ensembles could use (evidence written before the flag: all of them)
        var admitted = new ArrayList<Integer>();
        int best = -1;
        int shipped = n.get("shipped").asInt();
        var scores = new TreeMap<String, Double>();
        for (JsonNode t : n.get("trials")) {
            var oof = new ArrayList<Predictions>();
            t.get("oof").forEach(p -> oof.add(Report.predictions(p)));
            var trial = new EnsembleReplay.Trial(t.get("trial").asInt(), t.get("score").asDouble(), oof);
            Predictions onTest = Report.predictions(t.get("test")).select(keep);
            if (best < 0 || metric.direction().isBetter(trial.score(), trials.get(best).score())) {
                best = trials.size();
            }
            if (trial.trial() == shipped) {
                scores.put("shipped", metric.compute(truth, onTest));
            }
            if (!t.has("admitted") || t.get("admitted").asBoolean()) {
                admitted.add(trials.size());
            }
            members.add(t.get("learner").asText());
            trials.add(trial);
            tests.add(onTest);
        }
        if (best >= 0) {
            scores.put("best single", metric.compute(truth, tests.get(best)));
        }
        for (JsonNode e : n.get("ensembles")) {
            double s = metric.compute(truth, Report.predictions(e.get("test")).select(keep));
            scores.put(e.get("kind").asText(), s);
            if (e.get("trial").asInt() == shipped) {
                scores.put("shipped", s);
            }
        }
        replay(n.get("folds"), classes, metric, truth, admitted.stream().map(trials::get).toList(),
                admitted.stream().map(members::get).toList(), admitted.stream().map(tests::get).toList(), scores);
        return new RunScores(dataset, fold, run, metric, scores, members);
    }

    /**
     * Other ways of combining the kept trials the run's ensembles could use ({@code admitted} in the
     * evidence: the run's pool rule leaves out, say, a k-NN on many rows), chosen on their out-of-fold predictions only and
     * scored on the test rows: Quarry's greedy selection replayed (it should give the recorded
     * ensemble's score), the average of the three best, 50 greedy rounds instead of 20, bagged
     * selection, the nested choice between the greedy ensemble and the best single trial, and
     * stacking over every kept trial with its penalty chosen by the best cross-validated score (as
     * Quarry does) or by the one-standard-error rule.
     */
    private static void replay(JsonNode folds, List<String> classes, Metric metric, Target truth,
            List<EnsembleReplay.Trial> trials, List<String> learners, List<Predictions> tests, Map<String, Double> scores) {
        Task task = truth.task();
        var targets = new ArrayList<Target>();
        var rows = new ArrayList<int[]>();
        for (JsonNode f : folds) {
            rows.add(ints(f.get("rows")));
            targets.add(task.isClassification() ? new Target("target", task, classes, ints(f.get("labels")), null)
                    : new Target("target", task, List.of(), null, doubles(f.get("values"))));
        }
        if (trials.isEmpty()) {
            return;
        }
        List<int[]> foldRows = rows.stream().anyMatch(java.util.Objects::isNull) ? null : rows;
        int[] greedy = EnsembleReplay.greedy(trials, targets, foldRows, metric, ROUNDS);
        scores.put("replayed greedy", metric.compute(truth, blend(tests, greedy)));
        Integer[] byScore = IntStream.range(0, trials.size()).boxed()
                .sorted(java.util.Comparator.comparingDouble(i -> metric.direction().toLoss(trials.get(i).score())))
                .toArray(Integer[]::new);
        int[] top = new int[trials.size()];
        for (int i = 0; i < Math.min(3, byScore.length); i++) {
            top[byScore[i]] = 1;
        }
        scores.put("top-3 average", metric.compute(truth, blend(tests, top)));
        List<Integer> pool = narrowPool(byScore, learners);
        int[] pooled = EnsembleReplay.greedy(pool.stream().map(trials::get).toList(), targets, foldRows, metric, ROUNDS);
        int[] pooledCounts = new int[trials.size()];
        for (int i = 0; i < pool.size(); i++) {
            pooledCounts[pool.get(i)] = pooled[i];
        }
        scores.put("3-family pool greedy", metric.compute(truth, blend(tests, pooledCounts)));
        scores.put("greedy 50 rounds", metric.compute(truth, blend(tests, EnsembleReplay.greedy(trials, targets, foldRows,
                metric, 50))));
        double[] bagged = new double[trials.size()];
        var random = new java.util.Random(1);
        for (int b = 0; b < BAGS; b++) {
            var bag = new ArrayList<Integer>();
            for (int i = 0; i < trials.size(); i++) {
                if (random.nextBoolean()) {
                    bag.add(i);
                }
            }
            if (bag.isEmpty()) {
                bag.add(random.nextInt(trials.size()));
            }
            int[] counts = EnsembleReplay.greedy(bag.stream().map(trials::get).toList(), targets, foldRows, metric, ROUNDS);
            double total = java.util.Arrays.stream(counts).sum();
            for (int i = 0; i < bag.size(); i++) {
                bagged[bag.get(i)] += counts[i] / total;
            }
        }
        scores.put("bagged greedy", metric.compute(truth, Predictions.blend(tests, bagged)));
        scores.put("pooled greedy", metric.compute(truth, blend(tests, pooledGreedy(trials, targets, metric))));
        // stacking over the same pool, its penalty chosen as Quarry does and by the one-standard-error rule
        EnsembleReplay.stack(trials, targets, foldRows, metric, 1, false)
                .ifPresent(s -> scores.put("replayed stacking", metric.compute(truth, s.combine(tests))));
        EnsembleReplay.stack(trials, targets, foldRows, metric, 1, true)
                .ifPresent(s -> scores.put("stacking 1-SE", metric.compute(truth, s.combine(tests))));
        double ensembleEstimate = EnsembleReplay.nested(trials, targets, foldRows, metric, ROUNDS, 1);
        double singleEstimate = EnsembleReplay.nested(trials, targets, foldRows, metric, 1, 1);
        scores.put("nested choice", metric.direction().isBetter(ensembleEstimate, singleEstimate)
                ? scores.get("replayed greedy") : scores.get("best single"));
        if (pool.size() < trials.size()) {
            // the run kept more than the narrow pool: greedy over every kept trial or over the narrow
            // pool, whichever has the better nested estimate
            double poolEstimate = EnsembleReplay.nested(pool.stream().map(trials::get).toList(), targets, foldRows, metric,
                    ROUNDS, 1);
            scores.put("nested pool choice", metric.direction().isBetter(poolEstimate, ensembleEstimate)
                    ? scores.get("3-family pool greedy") : scores.get("replayed greedy"));
        }
    }

    /**
     * Greedy selection scored on all validation rows as one set instead of the mean over folds: with
     * many small folds (10 folds under 1,000 rows) a per-fold AUC is computed on a few dozen rows, and
     * the mean of such scores may be the noisier objective.
     */
    private static int[] pooledGreedy(List<EnsembleReplay.Trial> trials, List<Target> targets, Metric metric) {
        Target first = targets.getFirst();
        Target all = first.task().isClassification()
                ? new Target("target", first.task(), first.classes(),
                        targets.stream().flatMapToInt(t -> IntStream.of(t.labels())).toArray(), null)
                : new Target("target", first.task(), List.of(), null,
                        targets.stream().flatMapToDouble(t -> java.util.Arrays.stream(t.values())).toArray());
        var pooled = new ArrayList<EnsembleReplay.Trial>();
        for (var trial : trials) {
            var parts = trial.foldPredictions();
            Predictions joined;
            if (parts.getFirst().values() != null) {
                joined = Predictions.ofValues(parts.stream().flatMapToDouble(p -> java.util.Arrays.stream(p.values()))
                        .toArray());
            } else {
                joined = Predictions.ofProbabilities(parts.stream().flatMap(p -> java.util.Arrays.stream(p.probabilities()))
                        .toArray(double[][]::new));
            }
            pooled.add(new EnsembleReplay.Trial(trial.trial(), trial.score(), List.of(joined)));
        }
        return EnsembleReplay.greedy(pooled, List.of(all), null, metric, ROUNDS);
    }

    /**
     * The narrow pool, out of a run that kept more: the {@link #DEFAULT_CANDIDATES} best trials and the
     * best trial of each of the {@link #NARROW_FAMILIES} best-scoring learner families.
     *
     * @param byScore trial indexes, best first
     * @param learners each trial's learner
     * @return the pool's indexes, best first
     */
    static List<Integer> narrowPool(Integer[] byScore, List<String> learners) {
        var pool = new java.util.LinkedHashSet<Integer>();
        var families = new java.util.LinkedHashSet<String>();
        for (int rank = 0; rank < byScore.length; rank++) {
            int i = byScore[rank];
            boolean familyBest = families.size() < NARROW_FAMILIES && families.add(learners.get(i));
            if (rank < DEFAULT_CANDIDATES || familyBest) {
                pool.add(i);
            }
        }
        return List.copyOf(pool);
    }

    private static Predictions blend(List<Predictions> tests, int[] counts) {
        return Predictions.blend(tests, java.util.Arrays.stream(counts).asDoubleStream().toArray());
    }

    /** Per run, then per dataset and run name the mean over folds, with the greedy ensemble's wins against the best single. */
    static String markdown(List<RunScores> runs) {
        var sb = new StringBuilder("# Ensembles against the best single trial, on the outer test rows\n\n");
        sb.append("Each Quarry run's kept trials and ensembles scored on its outer fold's test rows; \"best single\" is the\n"
                + "kept trial with the best validation score, as the average of its fold models; \"shipped\" is what the run\n"
                + "saved, scored the same way (before any refit). The last ten columns are replays on the out-of-fold\n"
                + "predictions of the kept trials the run's ensembles could use (not those its pool rule left out):\n"
                + "Quarry's greedy selection (" + ROUNDS + " rounds) over every kept trial and over the narrow\n"
                + "pool only (the " + DEFAULT_CANDIDATES + " best trials and the best of the " + NARROW_FAMILIES
                + " best families; the same when the run kept no more), the average of the three best trials, 50 greedy\n"
                + "rounds, bagged selection (" + BAGS + " bags of half the trials) and the nested choice between the greedy\n"
                + "ensemble and the best single trial, and greedy selection scored on all validation rows as one set\n"
                + "instead of the mean over folds, and stacking over every kept trial with the meta-learner's penalty\n"
                + "chosen by the best cross-validated score (as Quarry does) or by the one-standard-error rule, and, when\n"
                + "the run kept more than the narrow pool, greedy selection over every kept trial or over the narrow\n"
                + "pool, whichever has the better nested estimate. A win or loss is a difference beyond 0.05% of the score.\n\n");
        sb.append("| dataset | fold | run | metric | ").append(String.join(" | ", KINDS)).append(" | kept trials |\n");
        sb.append("|---|---|---|---|").append("---|".repeat(KINDS.size())).append("---|\n");
        for (RunScores r : runs) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | ", r.dataset(), r.fold(), r.run(), r.metric().id()));
            for (String k : KINDS) {
                Double v = r.scores().get(k);
                sb.append(v == null ? "-" : String.format(Locale.ROOT, "%.4f", v)).append(" | ");
            }
            sb.append(summary(r.members())).append(" |\n");
        }
        sb.append("\n## Means over folds, and how often each ensemble beats the best single trial\n\n");
        sb.append("| dataset | run | folds | ").append(String.join(" | ", KINDS))
                .append(" | ensemble vs best single (W/T/L) | shipped vs best single (W/T/L) |\n");
        sb.append("|---|---|---|").append("---|".repeat(KINDS.size())).append("---|---|\n");
        var groups = new TreeMap<String, List<RunScores>>();
        runs.forEach(r -> groups.computeIfAbsent(r.dataset() + "\t" + r.run(), k -> new ArrayList<>()).add(r));
        for (var g : groups.entrySet()) {
            List<RunScores> rs = g.getValue();
            String[] key = g.getKey().split("\t");
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | ", key[0], key[1], rs.size()));
            for (String k : KINDS) {
                double mean = rs.stream().filter(r -> r.scores().containsKey(k)).mapToDouble(r -> r.scores().get(k))
                        .average().orElse(Double.NaN);
                sb.append(Double.isNaN(mean) ? "-" : String.format(Locale.ROOT, "%.4f", mean)).append(" | ");
            }
            sb.append(record(rs, ExperimentLoop.ENSEMBLE)).append(" | ").append(record(rs, "shipped")).append(" |\n");
        }
        sb.append("\n## By dataset: each way's mean over folds against the best single trial's (wins/ties/losses)\n\n");
        sb.append("| run | ").append(String.join(" | ", KINDS.subList(1, KINDS.size()))).append(" |\n|---|")
                .append("---|".repeat(KINDS.size() - 1)).append("\n");
        var byRun = new TreeMap<String, List<List<RunScores>>>();
        groups.forEach((key, rs) -> byRun.computeIfAbsent(key.split("\t")[1], k -> new ArrayList<>()).add(rs));
        for (var e : byRun.entrySet()) {
            List<RunScores> means = e.getValue().stream().map(EnsembleLab::mean).toList();
            sb.append("| ").append(e.getKey()).append(" | ").append(String.join(" | ", KINDS.subList(1, KINDS.size()).stream()
                    .map(k -> record(means, k)).toList())).append(" |\n");
        }
        sb.append("\n## Each way against the best single trial, over all runs (wins/ties/losses)\n\n| way | W/T/L |\n|---|---|\n");
        for (String k : KINDS.subList(1, KINDS.size())) {
            sb.append("| ").append(k).append(" | ").append(record(runs, k)).append(" |\n");
        }
        return sb.toString();
    }

    /**
     * One dataset's runs as one: each kind's mean over the folds, for the kinds every fold has. A kind
     * some fold lacks (a best-of-family blend is built only when the families differ enough) has no
     * mean: over fewer folds it would not compare with the best single trial's.
     */
    static RunScores mean(List<RunScores> runs) {
        var scores = new TreeMap<String, Double>();
        for (String k : KINDS) {
            if (runs.stream().allMatch(r -> r.scores().containsKey(k))) {
                scores.put(k, runs.stream().mapToDouble(r -> r.scores().get(k)).average().orElseThrow());
            }
        }
        RunScores first = runs.getFirst();
        return new RunScores(first.dataset(), -1, first.run(), first.metric(), scores, List.of());
    }

    /** Wins, ties and losses of a kind against the best single trial over runs that have both. */
    static String record(List<RunScores> runs, String kind) {
        int w = 0;
        int t = 0;
        int l = 0;
        for (RunScores r : runs) {
            Double a = r.scores().get(kind);
            Double b = r.scores().get("best single");
            if (a == null || b == null) {
                continue;
            }
            if (Math.abs(a - b) <= 0.0005 * Math.abs(b)) {
                t++;
            } else if (r.metric().direction().isBetter(a, b)) {
                w++;
            } else {
                l++;
            }
        }
        return w + "/" + t + "/" + l;
    }

    /** "4 extra trees, 2 mlp, ..." from the kept trials' learners. */
    private static String summary(List<String> learners) {
        var counts = new TreeMap<String, Integer>();
        learners.forEach(l -> counts.merge(l.replaceFirst("^[a-z]+\\.", ""), 1, Integer::sum));
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static int[] ints(JsonNode a) {
        return JSON.convertValue(a, int[].class);
    }

    private static double[] doubles(JsonNode a) {
        return JSON.convertValue(a, double[].class);
    }
}
