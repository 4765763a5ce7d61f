package dev.quarry.automl.config;

import static dev.quarry.automl.config.ConfigFixtures.MINIMAL;
import static dev.quarry.automl.config.ConfigFixtures.jsonError;
import static dev.quarry.automl.config.ConfigFixtures.yamlError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownKeysTest {

    private static final String TOP_KEYS = "blockedLearners, budget, data, ensemble, executor, featurize, learners, metric, name, "
            + "search, seed, validation, workspace";

    @Test
    void unknownTopLevelKeyListsTheValidOnesAndSuggestsTheClosest() {
        var e = yamlError(MINIMAL + "metrik: auc\n");
        assertEquals("$.metrik", e.path());
        assertEquals("exp.yaml: $.metrik: unknown key 'metrik'; did you mean metric? valid keys at $: " + TOP_KEYS,
                e.getMessage());
    }

    @Test
    void unknownNestedKeyIsReportedBeforeTheRuleItBreaks() {
        // maxTrails is the budget's only key: without the key check this would read as "no budget".
        var e = yamlError(MINIMAL.replace("maxDuration: 60s", "maxTrails: 10"));
        assertEquals("$.budget.maxTrails", e.path());
        assertEquals("exp.yaml: $.budget.maxTrails: unknown key 'maxTrails'; did you mean maxTrials? valid keys at $.budget: "
                + "exitScore, maxDuration, maxPredictLatency, maxTrials, preferSmallerModels, stagnation, trialTimeout",
                e.getMessage());
    }

    @Test
    void featurizeKeysAreCheckedButColumnNamesUnderColumnsAreData() {
        var e = yamlError(MINIMAL + "featurize: {dropp: [a]}\n");
        assertEquals("$.featurize.dropp", e.path());
        assertEquals("exp.yaml: $.featurize.dropp: unknown key 'dropp'; did you mean drop? valid keys at $.featurize: "
                + "categoricalImputation, columns, drop, highCardinality, maxOneHotLevels, numericImputation, search, "
                + "textFeatures", e.getMessage());
        // Column names are checked against the data once it is read, not here.
        ConfigFixtures.yaml(MINIMAL + "featurize: {columns: {anything: text, 'with space': id}}\n", java.nio.file.Path.of("/base"));
    }

    @Test
    void keysOfTypedSpecsIncludeTypeAndDependOnTheType() {
        var sampler = yamlError(MINIMAL + "search: {sampler: {type: random, defaultFirst: false}}\n");
        assertEquals("exp.yaml: $.search.sampler.defaultFirst: unknown key 'defaultFirst'; did you mean defaultsFirst? "
                + "valid keys at $.search.sampler: defaultsFirst, type", sampler.getMessage());
        var folds = yamlError(MINIMAL + "validation: {type: holdout, folds: 3}\n");
        assertEquals("$.validation.folds", folds.path(), "folds belongs to kfold, not holdout");
        assertEquals("exp.yaml: $.validation.folds: unknown key 'folds'; valid keys at $.validation: fraction, stratified, type",
                folds.getMessage());
        assertEquals("$.data.targte", yamlError(MINIMAL.replace("target:", "targte:")).path());
    }

    @Test
    void farFetchedKeysGetNoSuggestion() {
        var e = yamlError(MINIMAL + "zzzzzz: 1\n");
        assertEquals("exp.yaml: $.zzzzzz: unknown key 'zzzzzz'; valid keys at $: " + TOP_KEYS, e.getMessage());
    }

    @Test
    void jsonKeysAreCheckedTheSameWay() {
        var e = jsonError("{\"data\": {\"train\": \"t.csv\", \"target\": \"y\"}, \"budget\": {\"maxTrials\": 1}, \"seeed\": 3}");
        assertEquals("$.seeed", e.path());
        assertEquals("exp.json: $.seeed: unknown key 'seeed'; did you mean seed? valid keys at $: " + TOP_KEYS, e.getMessage());
    }

    @Test
    void closestIsCaseInsensitiveAndBounded() {
        List<String> keys = List.of("maxTrials", "maxDuration", "trialTimeout");
        assertEquals("maxTrials", KnownKeys.closest("maxtrials", keys));
        assertEquals("maxTrials", KnownKeys.closest("max_trials", keys));
        assertEquals("trialTimeout", KnownKeys.closest("trialTimout", keys));
        assertNull(KnownKeys.closest("budget", keys));
        assertEquals(3, KnownKeys.distance("kitten", "sitting"));
        assertEquals(0, KnownKeys.distance("", ""));
        assertEquals(4, KnownKeys.distance("", "abcd"));
    }
}
