package dev.quarry.automl.config;

import static dev.quarry.automl.config.ConfigFixtures.MINIMAL;
import static dev.quarry.automl.config.ConfigFixtures.jsonError;
import static dev.quarry.automl.config.ConfigFixtures.yamlError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every way a config can be wrong, through {@link ConfigLoader#parse}, with the exact message. */
class BindingErrorsTest {

    private static String budget(String keys) {
        return MINIMAL.replace("maxDuration: 60s", keys);
    }

    @Test
    void wrongScalarTypesSayWhatWasExpectedAndWhatWasWritten() {
        var ten = yamlError(budget("maxTrials: ten"));
        assertEquals("$.budget.maxTrials", ten.path());
        assertEquals("exp.yaml: $.budget.maxTrials: expected an integer, got \"ten\"", ten.getMessage());
        assertEquals("exp.yaml: $.budget.maxTrials: expected an integer, got \"10\"",
                yamlError(budget("maxTrials: \"10\"")).getMessage(), "strings are not coerced to numbers");
        assertEquals("exp.yaml: $.budget.maxTrials: expected an integer, got 2.5",
                yamlError(budget("maxTrials: 2.5")).getMessage(), "floats are not truncated");
        assertEquals("exp.yaml: $.seed: expected an integer, got 1.5", yamlError(MINIMAL + "seed: 1.5\n").getMessage());
        assertEquals("exp.yaml: $.budget.maxTrials: expected an integer from -2147483648 to 2147483647, got 99999999999",
                yamlError(budget("maxTrials: 99999999999")).getMessage());
        assertEquals("exp.yaml: $.validation.stratified: expected true or false, got 1",
                yamlError(MINIMAL + "validation: {type: kfold, stratified: 1}\n").getMessage());
        assertEquals("exp.yaml: $.budget.exitScore: expected a number, got \"high\"",
                yamlError(budget("maxTrials: 1\n  exitScore: high")).getMessage());
        assertEquals("exp.yaml: $.data.delimiter: expected a single character, got \";;\"",
                yamlError(MINIMAL.replace("target: class", "target: class\n  delimiter: ';;'")).getMessage());
    }

    @Test
    void wrongShapesAreNamedByKind() {
        assertEquals("exp.yaml: $.budget: expected a mapping, got 5",
                yamlError("data: {train: t.csv, target: c}\nbudget: 5\n").getMessage());
        assertEquals("exp.yaml: $.learners: expected a list, got \"rf\"", yamlError(MINIMAL + "learners: rf\n").getMessage());
        assertEquals("exp.yaml: $.metric: expected a string, got a list", yamlError(MINIMAL + "metric: [auc]\n").getMessage());
        assertEquals("exp.yaml: $.data.train: expected a file path, got a mapping",
                yamlError(MINIMAL.replace("train: data/train.csv", "train: {file: x}")).getMessage());
        assertEquals("exp.yaml: $.data.task: expected one of binary, multiclass, regression, got \"clustering\"",
                yamlError(MINIMAL.replace("target: class", "target: class\n  task: clustering")).getMessage());
    }

    @Test
    void badDurationsStateTheAcceptedForms() {
        var words = yamlError(MINIMAL.replace("60s", "10 minutes"));
        assertEquals("$.budget.maxDuration", words.path());
        assertEquals("exp.yaml: $.budget.maxDuration: expected a positive duration such as 500ms, 30s, 10m, 1h30m or PT10M, "
                + "got \"10 minutes\"", words.getMessage());
        var negative = yamlError(MINIMAL.replace("60s", "-5s"));
        assertEquals("$.budget.maxDuration", negative.path());
        assertTrue(negative.getMessage().endsWith("got \"-5s\""), negative.getMessage());
        assertEquals("$.budget.maxDuration", yamlError(MINIMAL.replace("60s", "-5")).path());
        assertEquals("$.budget.trialTimeout", yamlError(budget("maxTrials: 3\n  trialTimeout: PT-1M")).path());
        assertEquals("exp.yaml: $.budget.maxDuration: expected a duration such as 500ms, 30s, 10m, 1h30m or PT10M, got a list",
                yamlError(MINIMAL.replace("60s", "[1]")).getMessage());
    }

    @Test
    void recordRulesKeepTheirMessageAndGainThePath() {
        assertEquals("exp.yaml: $.validation.folds: `folds` must be in [2, 20], got 1",
                yamlError(MINIMAL + "validation: {type: kfold, folds: 1}\n").getMessage());
        assertEquals("exp.yaml: $.validation.fraction: `fraction` must be in (0, 0.5], got 0.7",
                yamlError(MINIMAL + "validation: {type: holdout, fraction: 0.7}\n").getMessage());
        assertEquals("exp.yaml: $.executor.parallelism: `parallelism` must be in [1, 256], got 0",
                yamlError(MINIMAL + "executor: {type: local, parallelism: 0}\n").getMessage());
        assertEquals("exp.yaml: $.budget.maxTrials: `maxTrials >= 1` must hold, got 0",
                yamlError(budget("maxTrials: 0")).getMessage());
        assertEquals("exp.yaml: $.budget.trialTimeout: must not exceed maxDuration (PT1M), got PT2M",
                yamlError(MINIMAL.replace("60s", "60s\n  trialTimeout: 2m")).getMessage());
    }

    @Test
    void unknownTypeIdsListTheValidOnes() {
        var sampler = yamlError(MINIMAL + "search: {sampler: {type: annealing}}\n");
        assertEquals("$.search.sampler.type", sampler.path());
        assertEquals("exp.yaml: $.search.sampler.type: expected `type` to be one of random, tpe, gp, grid, got \"annealing\"",
                sampler.getMessage());
        var executor = yamlError(MINIMAL + "executor: {type: spark}\n");
        assertEquals("exp.yaml: $.executor.type: expected `type` to be one of local, process, cluster, got \"spark\"", executor.getMessage());
        assertEquals("exp.yaml: $.validation.type: expected `type` to be one of auto, kfold, holdout, group, time, got \"kfolds\"; "
                + "did you mean kfold?", yamlError(MINIMAL + "validation: {type: kfolds}\n").getMessage());
        assertEquals("exp.yaml: $.validation.type: expected `type` to be one of auto, kfold, holdout, group, time, got no type",
                yamlError(MINIMAL + "validation: {folds: 3}\n").getMessage());
    }

    @Test
    void syntaxErrorsGiveLineAndColumn() {
        var yaml = yamlError("data:\n  train: x.csv\n   target: y\n");
        assertNull(yaml.path());
        assertTrue(yaml.getMessage().startsWith("exp.yaml: syntax error at line 3, column 10: mapping values are not allowed"),
                yaml.getMessage());
        var flow = yamlError("data: {train: x.csv\nbudget: [\n");
        assertTrue(flow.getMessage().startsWith("exp.yaml: syntax error at line 2, column 7:"), flow.getMessage());
        var json = jsonError("{\"data\": {\n \"train\": \"t\",,\n}}");
        assertTrue(json.getMessage().startsWith("exp.json: syntax error at line 2, column 15: Unexpected character (','"),
                json.getMessage());
    }

    @Test
    void keysWrittenTwiceAreCaughtWithTheirLine() {
        var yaml = yamlError(MINIMAL + "seed: 1\nseed: 2\n");
        assertEquals("$.seed", yaml.path());
        assertEquals("exp.yaml: $.seed: expected each key once per mapping, got 'seed' again at line 7, column 5",
                yaml.getMessage());
        assertEquals("$.budget.maxDuration", yamlError(MINIMAL + "  maxDuration: 2m\n").path());
        assertEquals("$.seed", jsonError("{\"seed\": 1, \"seed\": 2}").path());
    }

    @Test
    void theConfigMustBeOneMapping() {
        assertEquals("exp.yaml: $: expected a mapping with at least data and budget, got an empty config",
                yamlError("").getMessage());
        assertEquals("$", yamlError("# only a comment\n").path());
        assertEquals("exp.yaml: $: expected a mapping of keys to values, got a list", yamlError("- a\n- b\n").getMessage());
        assertEquals("exp.yaml: $: expected a mapping of keys to values, got \"hello\"", yamlError("hello\n").getMessage());
        assertEquals("exp.yaml: expected one document, got more content at line 7, column 1",
                yamlError(MINIMAL + "---\nseed: 1\n").getMessage());
        assertEquals("exp.json: expected one document, got more content at line 1, column 4",
                jsonError("{} {}").getMessage());
    }
}
