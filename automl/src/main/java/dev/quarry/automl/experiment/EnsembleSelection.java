package dev.quarry.automl.experiment;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.learner.Predictions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Greedy ensemble selection with replacement (Caruana, Niculescu-Mizil, Crew and Ksikes 2004) over
 * the candidates' predictions on the validation rows of each fold. Each round adds the candidate
 * whose addition gives the best score; the best ensemble seen over all rounds is kept. The score is
 * computed like a trial's: the metric on each fold's validation rows, averaged over folds, so an
 * ensemble and a single trial compare on equal terms. Pure and deterministic (ties go to the
 * candidate listed first).
 */
final class EnsembleSelection {

    private EnsembleSelection() {
    }

    /**
     * An ensemble: how many times each trial was picked, and its scores.
     *
     * @param counts picks per trial number, in trial order
     * @param score the primary metric, mean over folds
     * @param metrics every metric of the task, means over folds
     */
    record Ensemble(Map<Integer, Integer> counts, double score, Map<String, Double> metrics) {

        /** @return the number of distinct members */
        int size() {
            return counts.size();
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
        int[] counts = new int[candidates.size()];
        int[] bestCounts = null;
        double bestScore = Double.NaN;
        for (int round = 0; round < rounds; round++) {
            int pick = -1;
            double pickScore = Double.NaN;
            for (int c = 0; c < candidates.size(); c++) {
                counts[c]++;
                double s = score(candidates, counts, folds, metric);
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
        var picked = new TreeMap<Integer, Integer>();
        for (int c = 0; c < candidates.size(); c++) {
            if (bestCounts[c] > 0) {
                picked.put(candidates.get(c).trial(), bestCounts[c]);
            }
        }
        return Optional.of(new Ensemble(picked, bestScore, metrics(candidates, bestCounts, folds)));
    }

    /** The weighted average of the picked candidates' predictions on fold f. */
    static Predictions blend(List<Candidate> candidates, int[] counts, int f) {
        var parts = new ArrayList<Predictions>();
        var weights = new ArrayList<Double>();
        for (int c = 0; c < candidates.size(); c++) {
            if (counts[c] > 0) {
                parts.add(candidates.get(c).foldPredictions().get(f));
                weights.add((double) counts[c]);
            }
        }
        return Predictions.blend(parts, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double score(List<Candidate> candidates, int[] counts, List<Fold> folds, Metric metric) {
        double sum = 0;
        for (int f = 0; f < folds.size(); f++) {
            sum += metric.compute(folds.get(f).testTarget(), blend(candidates, counts, f));
        }
        return sum / folds.size();
    }

    private static Map<String, Double> metrics(List<Candidate> candidates, int[] counts, List<Fold> folds) {
        var perFold = new ArrayList<Map<String, Double>>();
        for (int f = 0; f < folds.size(); f++) {
            perFold.add(Metric.computeAll(folds.get(f).testTarget(), blend(candidates, counts, f)));
        }
        var out = new LinkedHashMap<String, Double>();
        for (String key : perFold.getFirst().keySet()) {
            out.put(key, perFold.stream().mapToDouble(m -> m.get(key)).average().orElse(Double.NaN));
        }
        return out;
    }
}
