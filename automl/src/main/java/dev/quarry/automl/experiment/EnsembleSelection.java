package dev.quarry.automl.experiment;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.featurize.table.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Greedy ensemble selection with replacement (Caruana, Niculescu-Mizil, Crew and Ksikes 2004) over
 * the candidates' predictions on the validation rows of each fold. Each round adds the candidate
 * whose addition gives the best score; the best ensemble seen over all rounds is kept. The score is
 * computed like a trial's: the metric on each fold's validation rows, averaged over folds. Pure and
 * deterministic (ties go to the candidate listed first).
 *
 * <p>A selection scored on the rows it was chosen on flatters itself, and so does the best of a few
 * hundred trials. {@link #nested} gives the estimate that lets ensembles and single models be
 * compared: the selection is repeated once per unit (each fold; a single fold is cut into
 * {@value #HOLDOUT_PARTS} seeded parts) on the validation rows outside that unit, and its blend is
 * scored on the unit's rows only. Rows that are the same training row as one in the unit (repeated
 * k-fold validates a row several times) are left out of the unit's selection. With one round this
 * estimates "ship the best single configuration" on the same terms. The candidates themselves were
 * ranked on all folds, so among near-tied candidates a pick made without a unit leans to the one
 * that did worst on it: the estimate is pessimistic there, most for a single pick.
 */
final class EnsembleSelection {

    /** Parts a single validation fold is cut into for the nested estimate. */
    static final int HOLDOUT_PARTS = Stacking.HOLDOUT_PARTS;

    private EnsembleSelection() {
    }

    /**
     * An ensemble: how many times each trial was picked, and its scores on the rows it was chosen on.
     *
     * @param counts picks per trial number, in trial order
     * @param score the primary metric, mean over folds, on the rows the picks were made on
     * @param metrics every metric of the task, means over folds, on those rows
     */
    record Ensemble(Map<Integer, Integer> counts, double score, Map<String, Double> metrics) {

        /** @return the number of distinct members */
        int size() {
            return counts.size();
        }
    }

    /**
     * A nested estimate: every validation row predicted by a selection that did not see it.
     *
     * @param score the primary metric, mean over folds, as a trial's
     * @param metrics every metric of the task, means over folds
     * @param foldPredictions the nested predictions on each fold's validation rows
     */
    record Estimate(double score, Map<String, Double> metrics, List<Predictions> foldPredictions) {
    }

    /**
     * The rows a selection is scored on: per fold, the targets of the rows used and each candidate's
     * predictions on them.
     */
    private record Evidence(List<Target> targets, List<List<Predictions>> predictions) {

        static Evidence of(List<Candidate> candidates, List<Fold> folds) {
            var targets = new ArrayList<Target>();
            var predictions = new ArrayList<List<Predictions>>();
            for (int f = 0; f < folds.size(); f++) {
                int fold = f;
                targets.add(folds.get(f).testTarget());
                predictions.add(candidates.stream().map(c -> c.foldPredictions().get(fold)).toList());
            }
            return new Evidence(targets, predictions);
        }

        double score(int[] counts, Metric metric) {
            double sum = 0;
            for (int f = 0; f < targets.size(); f++) {
                sum += metric.compute(targets.get(f), blend(predictions.get(f), counts));
            }
            return sum / targets.size();
        }
    }

    /**
     * @param candidates the kept trials, best first
     * @param folds the experiment's folds (for the validation targets)
     * @param metric the primary metric
     * @param rounds how many picks at most
     * @return the best ensemble found, if there were candidates
     */
    static Optional<Ensemble> select(List<Candidate> candidates, List<Fold> folds, Metric metric, int rounds) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        var evidence = Evidence.of(candidates, folds);
        int[] counts = greedy(evidence, candidates.size(), metric, rounds);
        var picked = new TreeMap<Integer, Integer>();
        for (int c = 0; c < candidates.size(); c++) {
            if (counts[c] > 0) {
                picked.put(candidates.get(c).trial(), counts[c]);
            }
        }
        var blends = new ArrayList<Predictions>();
        for (int f = 0; f < folds.size(); f++) {
            blends.add(blend(candidates, counts, f));
        }
        var metrics = metrics(folds, blends, metric);
        return Optional.of(new Ensemble(picked, metrics.get(metric.id()), metrics));
    }

    /**
     * The honest score of {@link #select} with these arguments (see the class comment).
     *
     * @param candidates the kept trials, best first
     * @param folds the experiment's folds
     * @param metric the primary metric
     * @param rounds how many picks at most (1: the best single candidate)
     * @param seed cuts a single fold into parts
     * @return the estimate, or empty without candidates or when some unit has no rows left to select on
     */
    static Optional<Estimate> nested(List<Candidate> candidates, List<Fold> folds, Metric metric, int rounds, long seed) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Predictions[][] parts = new Predictions[folds.size()][];
        int[][] partRows = new int[folds.size()][];
        var out = new ArrayList<Predictions>();
        for (int u = 0; u < folds.size(); u++) {
            List<int[]> units = units(folds, u, seed);
            var pieces = new ArrayList<Predictions>();
            var rows = new ArrayList<int[]>();
            for (int[] unit : units) {
                Optional<Evidence> evidence = outside(candidates, folds, u, unit);
                if (evidence.isEmpty()) {
                    return Optional.empty();
                }
                int[] counts = greedy(evidence.get(), candidates.size(), metric, rounds);
                pieces.add(blend(candidates, counts, u).select(unit));
                rows.add(unit);
            }
            out.add(assemble(pieces, rows, folds.get(u).testTarget().size()));
        }
        var metrics = metrics(folds, out, metric);
        return Optional.of(new Estimate(metrics.get(metric.id()), metrics, List.copyOf(out)));
    }

    /** The units of fold f: the whole fold when there are several folds, else seeded parts of it. */
    private static List<int[]> units(List<Fold> folds, int f, long seed) {
        int n = folds.get(f).testTarget().size();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        if (folds.size() > 1) {
            return List.of(all);
        }
        Stacking.shuffle(all, new SplittableRandom(seed));
        var units = new ArrayList<int[]>();
        for (int part = 0; part < HOLDOUT_PARTS; part++) {
            int[] unit = Arrays.copyOfRange(all, (int) ((long) part * n / HOLDOUT_PARTS),
                    (int) ((long) (part + 1) * n / HOLDOUT_PARTS));
            Arrays.sort(unit);
            if (unit.length > 0) {
                units.add(unit);
            }
        }
        return units;
    }

    /** The validation rows outside a unit of fold u, and outside every other fold's copy of its training rows. */
    private static Optional<Evidence> outside(List<Candidate> candidates, List<Fold> folds, int u, int[] unit) {
        boolean[] inUnit = new boolean[folds.get(u).testTarget().size()];
        for (int r : unit) {
            inUnit[r] = true;
        }
        Set<Integer> sameRows = new HashSet<>();
        int[] unitIds = folds.get(u).testRows();
        if (unitIds != null) {
            for (int r : unit) {
                sameRows.add(unitIds[r]);
            }
        }
        var targets = new ArrayList<Target>();
        var predictions = new ArrayList<List<Predictions>>();
        for (int f = 0; f < folds.size(); f++) {
            Fold fold = folds.get(f);
            int[] ids = fold.testRows();
            int size = fold.testTarget().size();
            int[] keep = new int[size];
            int kept = 0;
            for (int i = 0; i < size; i++) {
                boolean excluded = (f == u && inUnit[i]) || (ids != null && sameRows.contains(ids[i]));
                if (!excluded) {
                    keep[kept++] = i;
                }
            }
            if (kept == 0) {
                continue;
            }
            int[] rows = kept == size ? null : Arrays.copyOf(keep, kept);
            int fold0 = f;
            targets.add(rows == null ? fold.testTarget() : fold.testTarget().select(rows));
            predictions.add(candidates.stream().map(c -> c.foldPredictions().get(fold0))
                    .map(p -> rows == null ? p : p.select(rows)).toList());
        }
        return targets.isEmpty() ? Optional.empty() : Optional.of(new Evidence(targets, predictions));
    }

    /** Puts pieces of predictions back at their rows of a fold. */
    private static Predictions assemble(List<Predictions> pieces, List<int[]> rows, int size) {
        if (pieces.size() == 1 && pieces.getFirst().size() == size) {
            return pieces.getFirst();
        }
        boolean values = pieces.getFirst().values() != null;
        double[] v = values ? new double[size] : null;
        double[][] p = values ? null : new double[size][];
        for (int k = 0; k < pieces.size(); k++) {
            int[] at = rows.get(k);
            for (int i = 0; i < at.length; i++) {
                if (values) {
                    v[at[i]] = pieces.get(k).values()[i];
                } else {
                    p[at[i]] = pieces.get(k).probabilities()[i];
                }
            }
        }
        return values ? Predictions.ofValues(v) : Predictions.ofProbabilities(p);
    }

    /** The greedy rounds on some evidence: picks per candidate of the best ensemble seen. */
    private static int[] greedy(Evidence evidence, int candidates, Metric metric, int rounds) {
        int[] counts = new int[candidates];
        int[] bestCounts = null;
        double bestScore = Double.NaN;
        for (int round = 0; round < rounds; round++) {
            int pick = -1;
            double pickScore = Double.NaN;
            for (int c = 0; c < candidates; c++) {
                counts[c]++;
                double s = evidence.score(counts, metric);
                counts[c]--;
                if (pick < 0 || metric.direction().isBetter(s, pickScore)) {
                    pick = c;
                    pickScore = s;
                }
            }
            counts[pick]++;
            if (bestCounts == null || metric.direction().isBetter(pickScore, bestScore)) {
                bestScore = pickScore;
                bestCounts = counts.clone();
            }
        }
        return bestCounts;
    }

    /** The weighted average of the picked candidates' predictions on fold f. */
    static Predictions blend(List<Candidate> candidates, int[] counts, int f) {
        return blend(candidates.stream().map(c -> c.foldPredictions().get(f)).toList(), counts);
    }

    private static Predictions blend(List<Predictions> predictions, int[] counts) {
        var parts = new ArrayList<Predictions>();
        var weights = new ArrayList<Double>();
        for (int c = 0; c < predictions.size(); c++) {
            if (counts[c] > 0) {
                parts.add(predictions.get(c));
                weights.add((double) counts[c]);
            }
        }
        return Predictions.blend(parts, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Map<String, Double> metrics(List<Fold> folds, List<Predictions> predictions, Metric metric) {
        var perFold = new ArrayList<Map<String, Double>>();
        for (int f = 0; f < folds.size(); f++) {
            perFold.add(Metric.computeAll(folds.get(f).testTarget(), predictions.get(f)));
        }
        return FoldMetrics.summarise(perFold, metric);
    }
}
