package dev.quarry.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.featurize.table.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lab's pools: what the run's ensembles could use, and what the 3-family pool would have kept. */
class EnsembleLabTest {

    @Test
    void theNarrowPoolIsTheBestTrialsAndTheBestOfTheThreeBestFamilies() {
        // trial indexes ranked best first: nine extra trees, then a forest (11), a k-NN (9), a boosting model (10)
        Integer[] byScore = {3, 0, 1, 2, 4, 5, 6, 7, 8, 11, 9, 10};
        List<String> learners = List.of("extra_trees", "extra_trees", "extra_trees", "extra_trees", "extra_trees",
                "extra_trees", "extra_trees", "extra_trees", "extra_trees", "knn", "boosting", "random_forest");
        // the 8 best (not the ninth extra trees), then the best of the 3 best families' others: forest, k-NN
        assertEquals(List.of(3, 0, 1, 2, 4, 5, 6, 7, 11, 9), EnsembleLab.narrowPool(byScore, learners));
    }

    /** A blend built on two folds of three has no mean: it would be compared on other rows than the best single's. */
    @Test
    void aKindMissingOnSomeFoldHasNoMean() {
        Metric auc = Metric.defaultFor(Task.BINARY);
        var runs = List.of(
                new EnsembleLab.RunScores("blood", 0, "q", auc, Map.of("best single", 0.75, "ensemble", 0.74, "best_of_family", 0.74), List.of()),
                new EnsembleLab.RunScores("blood", 1, "q", auc, Map.of("best single", 0.71, "ensemble", 0.72), List.of()),
                new EnsembleLab.RunScores("blood", 2, "q", auc, Map.of("best single", 0.79, "ensemble", 0.80, "best_of_family", 0.78), List.of()));
        var mean = EnsembleLab.mean(runs);
        assertEquals(0.75, mean.scores().get("best single"), 1e-12);
        assertEquals(0.7533333333333333, mean.scores().get("ensemble"), 1e-12);
        assertEquals(null, mean.scores().get("best_of_family"));
        assertEquals("0/0/0", EnsembleLab.record(List.of(mean), "best_of_family"));
    }

    /**
     * A kept trial the run's pool rule left out of its ensembles (a k-NN on many rows) is scored as a
     * single trial but never joins a replayed blend: the replays compare what the run could have built.
     */
    @Test
    void replaysUseOnlyTheTrialsTheRunCouldBlend() {
        var json = new ObjectMapper();
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1};
        ObjectNode evidence = json.createObjectNode();
        evidence.put("task", "binary");
        evidence.set("classes", json.valueToTree(List.of("no", "yes")));
        evidence.put("shipped", 1);
        evidence.set("test", json.valueToTree(Map.of("labels", labels)));
        evidence.set("folds", json.valueToTree(List.of(Map.of("rows", new int[] {0, 1, 2, 3, 4, 5, 6, 7}, "labels", labels))));
        // trial 1, the best by validation score, ranks 3 of 4 pairs right; trial 2 is weaker;
        // trial 3 ranks every row right, but the run left it out of its ensembles
        double[] good = {0.3, 0.7, 0.6, 0.4, 0.2, 0.8, 0.35, 0.65};
        double[] weak = {0.45, 0.55, 0.6, 0.4, 0.5, 0.5, 0.4, 0.6};
        double[] perfect = {0.1, 0.9, 0.1, 0.9, 0.1, 0.9, 0.1, 0.9};
        var trials = json.createArrayNode();
        trials.add(trial(json, 1, "random_forest", 0.80, good, true));
        trials.add(trial(json, 2, "logistic", 0.70, weak, true));
        trials.add(trial(json, 3, "knn", 0.75, perfect, false));
        evidence.set("trials", trials);
        evidence.set("ensembles", json.createArrayNode());

        var scores = EnsembleLab.score("d", 0, "q", evidence).scores();
        assertTrue(scores.get("best single") < 1.0, "the best single is trial 1: " + scores);
        assertTrue(scores.get("replayed greedy") < 1.0, "the left-out trial joins no replay: " + scores);

        // evidence written before the flag: every kept trial could be blended, the perfect one too
        trials.forEach(t -> ((ObjectNode) t).remove("admitted"));
        assertEquals(1.0, EnsembleLab.score("d", 0, "q", evidence).scores().get("replayed greedy"), 1e-12);
    }

    private static ObjectNode trial(ObjectMapper json, int number, String learner, double score, double[] yes, boolean admitted) {
        double[][] probabilities = new double[yes.length][];
        for (int i = 0; i < yes.length; i++) {
            probabilities[i] = new double[] {1 - yes[i], yes[i]};
        }
        ObjectNode t = json.createObjectNode();
        t.put("trial", number);
        t.put("learner", learner);
        t.put("score", score);
        t.put("admitted", admitted);
        t.set("oof", json.valueToTree(List.of(Map.of("probabilities", probabilities))));
        t.set("test", json.valueToTree(Map.of("probabilities", probabilities)));
        return t;
    }
}
