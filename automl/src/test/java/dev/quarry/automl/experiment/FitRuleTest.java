package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.automl.TestData;
import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.pipeline.PipelineArtifact;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refit-or-fold-models rule on real learners and data (blood-transfusion, 5 folds, seed 3; the
 * same data and seed give the same measurements, so these are not statistical): 1-nearest-neighbour
 * style k-NN gains from averaging (its probabilities are coarse), logistic regression from more rows.
 */
class FitRuleTest {

    @TempDir
    Path dir;

    private record Shipped(JsonNode fin, int members) {
    }

    private Shipped run(String learner) throws Exception {
        String yaml = """
                data: {train: %s, target: target}
                metric: auc
                learners: [%s]
                budget: {maxTrials: 2}
                validation: {type: kfold, folds: 5}
                executor: {type: local, parallelism: 1}
                ensemble: {enabled: false}
                seed: 3
                """.formatted(TestData.path("blood-transfusion.csv"), learner);
        var config = ConfigLoader.parse(yaml, ConfigLoader.Format.YAML, dir, "f.yaml", "f");
        var prepared = Experiments.prepare(config, "f.yaml", Instant.now());
        var workspace = Workspace.open(dir.resolve(learner));
        try (var store = SqliteRunStore.open(workspace.database())) {
            var outcome = Experiments.loop(prepared, store, workspace, new ExperimentListener() { }, Instant.now(),
                    Map.of("quarry", "test")).run();
            JsonNode board = new ObjectMapper().readTree(outcome.folder().resolve("outputs/leaderboard.json").toFile());
            return new Shipped(board.get("final"), PipelineArtifact.read(outcome.model()).members().size());
        }
    }

    @Test
    void keepsTheFoldModelsWhenTheirAverageScoresBetterOneLevelDown() throws Exception {
        Shipped s = run("tribuo.knn");
        JsonNode rule = s.fin().get("fitRule");
        assertEquals("fold models", rule.get("chosen").asText(), rule.toString());
        assertTrue(rule.get("foldAverageScore").asDouble() > rule.get("refitScore").asDouble(), rule.toString());
        assertEquals(5, s.members(), "the five fold models are shipped");
        assertTrue(s.fin().get("fit").asText().startsWith("average of the 5 fold models (on fold 0"), s.fin().toString());
    }

    @Test
    void refitsWhenTheSingleModelScoresAsWell() throws Exception {
        Shipped s = run("smile.logistic_regression");
        JsonNode rule = s.fin().get("fitRule");
        assertEquals("refit", rule.get("chosen").asText(), rule.toString());
        assertTrue(rule.get("foldAverageScore").asDouble() - rule.get("refitScore").asDouble() < 0.02, rule.toString());
        assertEquals(1, s.members(), "one model refitted on all rows");
        assertTrue(s.fin().get("fit").asText().startsWith("refit on all 748 training rows (on fold 0"), s.fin().toString());
    }
}
