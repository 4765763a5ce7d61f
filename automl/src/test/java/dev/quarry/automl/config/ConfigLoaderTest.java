package dev.quarry.automl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.featurize.table.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static final String MINIMAL = """
            data:
              train: data/train.csv
              target: class
            budget:
              maxDuration: 60s
            """;

    private ExperimentConfig yaml(String text) {
        return ConfigLoader.parse(text, ConfigLoader.Format.YAML, dir, "exp.yaml", "exp");
    }

    private ConfigException error(String text) {
        return assertThrows(ConfigException.class, () -> yaml(text));
    }

    @Test
    void minimalConfigGetsEveryDefault() {
        ExperimentConfig c = yaml(MINIMAL);
        assertEquals("exp", c.name());
        assertEquals(dir.resolve("data/train.csv"), c.data().train(), "relative to the config's folder");
        assertNull(c.data().task());
        assertEquals(List.of("", "?", "NA"), c.data().missingValues());
        assertEquals(',', c.data().delimiter());
        assertNull(c.metric());
        assertEquals(Duration.ofSeconds(30), c.budget().trialTimeout(), "half of maxDuration");
        assertNull(c.budget().maxTrials());
        assertInstanceOf(AutoValidation.class, c.validation());
        assertEquals(new RandomSamplerSpec(true), c.search().sampler());
        assertEquals(Runtime.getRuntime().availableProcessors(), ((LocalExecutorSpec) c.executor()).parallelism());
        assertEquals(42L, c.seed());
        assertEquals(Path.of("quarry-workspace"), c.workspace());
    }

    @Test
    void fullConfigInJsonReadsEveryKeyAndRoundTripsThroughToJson() throws Exception {
        String json = """
                {"name": "full", "data": {"train": "/abs/train.csv", "target": "y", "task": "multiclass",
                  "validation": "v.csv", "missingValues": ["NA"], "delimiter": ";"},
                 "metric": "log_loss",
                 "budget": {"maxTrials": 10, "maxDuration": "1h30m", "trialTimeout": "PT2M", "exitScore": 0.1, "stagnation": 5},
                 "validation": {"type": "holdout", "fraction": 0.25, "stratified": false},
                 "learners": ["a", "b"], "blockedLearners": ["c"],
                 "search": {"sampler": {"type": "random", "defaultsFirst": false}},
                 "executor": {"type": "local", "parallelism": 3}, "seed": 7, "workspace": "ws"}
                """;
        ExperimentConfig c = ConfigLoader.parse(json, ConfigLoader.Format.JSON, dir, "full.json", null);
        assertEquals(Task.MULTICLASS, c.data().task());
        assertEquals(dir.resolve("v.csv"), c.data().validation());
        assertEquals(';', c.data().delimiter());
        assertEquals(Duration.ofMinutes(90), c.budget().maxDuration());
        assertEquals(Duration.ofMinutes(2), c.budget().trialTimeout());
        assertEquals(new HoldoutValidation(0.25, false), c.validation());
        assertEquals(3, ((LocalExecutorSpec) c.executor()).parallelism());
        ExperimentConfig back = ConfigLoader.parse(ConfigLoader.toJson(c), ConfigLoader.Format.JSON, dir, "back.json", null);
        assertEquals(c, back);
    }

    @Test
    void configFilesAreFoundAndNamedByTheirStem() throws Exception {
        Path f = dir.resolve("credit g.yml");
        Files.writeString(f, MINIMAL);
        assertEquals("credit-g", ConfigLoader.load(f).name());
        var missing = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void unknownKeysNameTheirPathAndSuggestTheClosestKey() {
        var top = error(MINIMAL + "metrik: auc\n");
        assertEquals("$.metrik", top.path());
        assertTrue(top.getMessage().startsWith("exp.yaml: $.metrik: unknown key 'metrik'; did you mean metric?"), top.getMessage());
        var nested = error(MINIMAL.replace("maxDuration: 60s", "maxTrails: 10"));
        assertEquals("$.budget.maxTrails", nested.path());
        assertTrue(nested.getMessage().contains("did you mean maxTrials?") && nested.getMessage().contains("stagnation"),
                nested.getMessage());
    }

    @Test
    void wrongTypesAndBadValuesNameThePath() {
        var type = error(MINIMAL.replace("maxDuration: 60s", "maxTrials: ten"));
        assertEquals("$.budget.maxTrials", type.path());
        assertTrue(type.getMessage().contains("an integer"), type.getMessage());
        assertEquals("$.budget.maxTrials", error(MINIMAL.replace("maxDuration: 60s", "maxTrials: \"10\"")).path(),
                "strings are not coerced to numbers");
        var duration = error(MINIMAL.replace("60s", "10 minutes"));
        assertEquals("$.budget.maxDuration", duration.path());
        assertTrue(duration.getMessage().contains("30s, 10m"), duration.getMessage());
        assertEquals("$.budget.maxDuration", error(MINIMAL.replace("60s", "-5s")).path());
        var folds = error(MINIMAL + "validation: {type: kfold, folds: 1}\n");
        assertEquals("$.validation.folds", folds.path());
        assertTrue(folds.getMessage().contains("[2, 20], got 1"), folds.getMessage());
        assertEquals("$.validation.fraction", error(MINIMAL + "validation: {type: holdout, fraction: 0.7}\n").path());
        assertEquals("$.budget.trialTimeout", error(MINIMAL.replace("60s", "60s\n  trialTimeout: 2m")).path());
        assertEquals("$.data.task", error(MINIMAL.replace("target: class", "target: class\n  task: clustering")).path());
    }

    @Test
    void unknownTypeIdsListTheValidOnes() {
        var sampler = error(MINIMAL + "search: {sampler: {type: annealing}}\n");
        assertEquals("$.search.sampler.type", sampler.path());
        assertTrue(sampler.getMessage().contains("expected one of random, tpe, got 'annealing'"), sampler.getMessage());
        var executor = error(MINIMAL + "executor: {type: spark}\n");
        assertEquals("$.executor.type", executor.path());
        assertTrue(executor.getMessage().contains("local"), executor.getMessage());
    }

    @Test
    void missingRequiredPartsAreNamed() {
        assertEquals("$.data.target", error("data: {train: x.csv}\nbudget: {maxTrials: 3}\n").path());
        assertEquals("$.data", error("budget: {maxTrials: 3}\n").path());
        var budget = error(MINIMAL.replace("maxDuration: 60s", "stagnation: 3"));
        assertEquals("$.budget", budget.path());
        assertTrue(budget.getMessage().contains("maxTrials, maxDuration or both"), budget.getMessage());
        assertEquals("$.blockedLearners", error(MINIMAL + "learners: [a, b]\nblockedLearners: [b]\n").path());
        assertEquals("$.learners", error(MINIMAL + "learners: []\n").path());
    }

    @Test
    void syntaxErrorsAndNonMappingsAreExplained() {
        var syntax = error("data: {train: x.csv\nbudget: [\n");
        assertTrue(syntax.getMessage().contains("syntax error at line"), syntax.getMessage());
        assertTrue(error("").getMessage().contains("empty"));
        assertTrue(error("- a\n- b\n").getMessage().contains("expected a mapping"));
    }

    @Test
    void durationsInEveryAcceptedForm() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofSeconds(45), Durations.parse("45"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("PT10M"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        for (String bad : new String[] {"", "10 m", "m", "0s", "1x", "PT"}) {
            assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
        }
    }
}
