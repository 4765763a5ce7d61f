package dev.quarry.automl.config;

import static dev.quarry.automl.config.ConfigFixtures.MINIMAL;
import static dev.quarry.automl.config.ConfigFixtures.yamlError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static final String FULL_YAML = """
            name: credit-g
            data:
              train: ../shared/credit-g.csv
              target: class
              task: binary
              validation: other.csv
              missingValues: ["", "NA", "?", "-"]
              delimiter: "\\t"
            metric: auc
            budget:
              maxTrials: 200
              maxDuration: 1h
              trialTimeout: 30s
              exitScore: 0.95
              stagnation: 50
            validation:
              type: kfold
              folds: 10
              stratified: false
            learners: [smile.random_forest, tribuo.xgboost]
            blockedLearners: [tribuo.knn]
            search:
              sampler: {type: tpe, startupTrials: 5}
            executor: {type: local, parallelism: 2}
            seed: 7
            workspace: ./ws
            ensemble: {enabled: false}
            featurize:
              columns: {opened: datetime, zip: categorical, notes: text, row: id, junk: ignore}
              drop: [comment]
              highCardinality: frequency
              maxOneHotLevels: 8
              categoricalImputation: most_frequent
            """;

    private ExperimentConfig yaml(String text) {
        return ConfigFixtures.yaml(text, dir);
    }

    @Test
    void minimalConfigGetsEveryDefault() {
        ExperimentConfig c = yaml(MINIMAL);
        assertEquals("exp", c.name(), "the source's stem");
        assertEquals(dir.resolve("data/train.csv"), c.data().train(), "relative to the config's folder");
        assertNull(c.data().task());
        assertNull(c.data().validation());
        assertEquals(List.of("", "?", "NA"), c.data().missingValues());
        assertEquals(',', c.data().delimiter());
        assertNull(c.metric());
        assertNull(c.budget().maxTrials());
        assertEquals(Duration.ofSeconds(60), c.budget().maxDuration());
        assertEquals(Duration.ofSeconds(30), c.budget().trialTimeout(), "half of maxDuration");
        assertNull(c.budget().exitScore());
        assertNull(c.budget().stagnation());
        assertInstanceOf(AutoValidation.class, c.validation());
        assertNull(c.learners());
        assertNull(c.blockedLearners());
        assertEquals(new GpSamplerSpec(10, 256, true), c.search().sampler(), "the measured default");
        assertEquals(new LocalExecutorSpec(Runtime.getRuntime().availableProcessors()), c.executor());
        assertEquals(42L, c.seed());
        assertEquals(Path.of("quarry-workspace"), c.workspace(), "relative to the working directory, left as is");
        assertEquals(new EnsembleConfig(true, 8, 20), c.ensemble());
        assertEquals(10, c.ensemble().poolFamilies(Task.BINARY), "for classes the pool takes the best of 10 families");
        assertEquals(10, c.ensemble().poolFamilies(Task.MULTICLASS));
        assertEquals(3, c.ensemble().poolFamilies(Task.REGRESSION), "for numbers the best of 3");
        assertEquals(3, c.ensemble().keptFamilies(Task.REGRESSION), "the same 3 as the best-of-family blend's");
        assertEquals(10, c.ensemble().keptFamilies(Task.BINARY), "the wider pool keeps more families' bests");
        assertEquals(10, yaml(MINIMAL + "ensemble: {poolFamilies: 10}\n").ensemble().keptFamilies(Task.REGRESSION),
                "a value given applies to every task");
    }

    @Test
    void poolFamiliesOutOfRangeNamesTheKey() {
        var e = yamlError(MINIMAL + "ensemble: {poolFamilies: 31}\n");
        assertEquals("$.ensemble.poolFamilies", e.path());
        assertTrue(e.getMessage().contains("`poolFamilies` must be in [0, 30], got 31"), e.getMessage());
        assertEquals(3, yaml(MINIMAL + "ensemble: {poolFamilies: 0}\n").ensemble().keptFamilies(Task.BINARY),
                "no pool families: the best-of-family blend's 3 are still kept");
    }

    @Test
    void fullYamlReadsEveryKey() {
        ExperimentConfig c = yaml(FULL_YAML);
        assertEquals("credit-g", c.name());
        assertEquals(dir.getParent().resolve("shared/credit-g.csv"), c.data().train(), "../ resolved and normalized");
        assertEquals(dir.resolve("other.csv"), c.data().validation());
        assertEquals(Task.BINARY, c.data().task());
        assertEquals(List.of("", "NA", "?", "-"), c.data().missingValues());
        assertEquals('\t', c.data().delimiter());
        assertEquals("auc", c.metric());
        assertEquals(new BudgetConfig(200, Duration.ofHours(1), Duration.ofSeconds(30), 0.95, 50), c.budget());
        assertEquals(new KFoldValidation(10, false), c.validation());
        assertEquals(List.of("smile.random_forest", "tribuo.xgboost"), c.learners());
        assertEquals(List.of("tribuo.knn"), c.blockedLearners());
        assertEquals(new TpeSamplerSpec(5, 24, 0.1, null, null), c.search().sampler());
        assertEquals(new LocalExecutorSpec(2), c.executor());
        assertEquals(7L, c.seed());
        assertEquals(Path.of("./ws"), c.workspace());
        assertEquals(false, c.ensemble().enabled());
    }

    @Test
    void fullJsonReadsEveryKeyAndRoundTripsThroughToJson() {
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
        ExperimentConfig c = ConfigLoader.parse(json, ConfigLoader.Format.JSON, dir, "full.json");
        assertEquals(Path.of("/abs/train.csv"), c.data().train(), "absolute paths are kept");
        assertEquals(Task.MULTICLASS, c.data().task());
        assertEquals(dir.resolve("v.csv"), c.data().validation());
        assertEquals(';', c.data().delimiter());
        assertEquals(Duration.ofMinutes(90), c.budget().maxDuration());
        assertEquals(Duration.ofMinutes(2), c.budget().trialTimeout());
        assertEquals(new HoldoutValidation(0.25, false), c.validation());
        assertEquals(new RandomSamplerSpec(false), c.search().sampler());
        assertEquals(3, ((LocalExecutorSpec) c.executor()).parallelism());
        assertEquals(c, roundTrip(c));
    }

    @Test
    void toJsonWritesTheResolvedConfigReadablyAndParsesBackEqual() throws Exception {
        ExperimentConfig c = yaml(FULL_YAML);
        String json = ConfigLoader.toJson(c);
        var tree = new ObjectMapper().readTree(json);
        assertEquals("PT1H", tree.at("/budget/maxDuration").asText(), "durations as ISO-8601");
        assertEquals(dir.getParent().resolve("shared/credit-g.csv").toString(), tree.at("/data/train").asText());
        assertEquals("binary", tree.at("/data/task").asText(), "the task as users write it");
        assertEquals("kfold", tree.at("/validation/type").asText());
        assertEquals("tpe", tree.at("/search/sampler/type").asText());
        assertEquals(List.of("name", "data", "metric", "budget", "validation", "learners", "blockedLearners", "search",
                "executor", "seed", "workspace", "ensemble", "featurize"), iterable(tree.fieldNames()), "record order, stable");
        assertEquals(json, ConfigLoader.toJson(c), "same config, same text");
        assertEquals(c, roundTrip(c));
        assertEquals(yaml(MINIMAL), roundTrip(yaml(MINIMAL)), "nulls and defaults survive too");
    }

    @Test
    void tpeMultivariateIsReadWithItsDefault() {
        var on = (TpeSamplerSpec) yaml(MINIMAL + "search: {sampler: {type: tpe, multivariate: true}}\n").search().sampler();
        assertEquals(true, on.multivariate());
        var left = (TpeSamplerSpec) yaml(MINIMAL + "search: {sampler: {type: tpe}}\n").search().sampler();
        assertEquals(dev.quarry.search.sampler.TpeSampler.DEFAULT_MULTIVARIATE, left.multivariate());
    }

    @Test
    void featurizeSettingsAreReadWithDefaultsAndOrder() {
        ExperimentConfig c = yaml(FULL_YAML);
        var f = c.featurize();
        assertEquals(List.of("opened", "zip", "notes", "row", "junk"), List.copyOf(f.columns().keySet()), "config order");
        assertEquals(dev.quarry.featurize.profile.ColumnOverride.DATETIME, f.columns().get("opened"));
        assertEquals(dev.quarry.featurize.profile.ColumnOverride.IGNORE, f.columns().get("junk"));
        assertEquals(List.of("comment"), f.drop());
        assertEquals(dev.quarry.featurize.transform.HighCardinality.FREQUENCY, f.highCardinality());
        assertEquals(8, f.maxOneHotLevels());
        assertEquals(dev.quarry.featurize.transform.CategoricalImputation.MOST_FREQUENT, f.categoricalImputation());
        assertEquals(FeaturizeConfig.defaults(), yaml(MINIMAL).featurize(), "left out: everything detected");
        assertEquals(16, FeaturizeConfig.defaults().maxOneHotLevels());
        assertEquals(32, FeaturizeConfig.defaults().textFeatures());
    }

    @Test
    void badFeaturizeValuesNameTheirPath() {
        String bad = yamlError(MINIMAL + "featurize: {columns: {a: date}}\n").getMessage();
        assertTrue(bad.contains("$.featurize.columns.a"), bad);
        assertTrue(bad.contains("datetime"), "lists the valid types: " + bad);
        String range = yamlError(MINIMAL + "featurize: {maxOneHotLevels: 1}\n").getMessage();
        assertTrue(range.contains("$.featurize.maxOneHotLevels") && range.contains("[2, 1000], got 1"), range);
        String typo = yamlError(MINIMAL + "featurize: {colums: {a: text}}\n").getMessage();
        assertTrue(typo.contains("$.featurize.colums: unknown key 'colums'; did you mean columns?"), typo);
    }

    private ExperimentConfig roundTrip(ExperimentConfig c) {
        return ConfigLoader.parse(ConfigLoader.toJson(c), ConfigLoader.Format.JSON, dir, "back.json", null);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        var out = new java.util.ArrayList<String>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void filesAreReadByExtensionAndNamedByTheirStem() throws Exception {
        Path yml = dir.resolve("credit g.yml");
        Files.writeString(yml, MINIMAL);
        ExperimentConfig fromYml = ConfigLoader.load(yml);
        assertEquals("credit-g", fromYml.name(), "made into a valid name");
        assertEquals(dir.resolve("data/train.csv"), fromYml.data().train());

        Path sub = Files.createDirectories(dir.resolve("configs"));
        Path json = sub.resolve("run.json");
        Files.writeString(json, "{\"data\": {\"train\": \"../d.csv\", \"target\": \"y\"}, \"budget\": {\"maxTrials\": 3}}");
        ExperimentConfig fromJson = ConfigLoader.load(json);
        assertEquals("run", fromJson.name());
        assertEquals(dir.resolve("d.csv"), fromJson.data().train(), "relative to the config's own folder");

        Path other = dir.resolve("experiment.conf");
        Files.writeString(other, MINIMAL);
        assertEquals("experiment", ConfigLoader.load(other).name(), "other extensions are read as YAML");

        var jsonAsYaml = assertThrows(ConfigException.class, () -> {
            Path bad = dir.resolve("bad.json");
            Files.writeString(bad, MINIMAL);
            ConfigLoader.load(bad);
        });
        assertTrue(jsonAsYaml.getMessage().startsWith("bad.json: syntax error at line 1"), jsonAsYaml.getMessage());

        var missing = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml")));
        assertTrue(missing.getMessage().startsWith("nope.yaml: config file ") && missing.getMessage().endsWith("does not exist"),
                missing.getMessage());
        assertNull(missing.path());
    }

    @Test
    void defaultNamesAreValidNames() {
        assertEquals("request", ConfigLoader.defaultName("request"));
        assertEquals("a-b.c", ConfigLoader.defaultName("a b.c.yaml"));
        assertEquals("experiment", ConfigLoader.defaultName(".yaml"));
        assertEquals(64, ConfigLoader.defaultName("x".repeat(80) + ".yaml").length());
        assertEquals("x".repeat(64), yaml("name: " + "x".repeat(64) + "\n" + MINIMAL).name());
        assertEquals("$.name", yamlError("name: " + "x".repeat(65) + "\n" + MINIMAL).path());
    }

    @Test
    void anExplicitNameWinsAndAMissingOneIsRequiredWithoutADefault() {
        assertEquals("mine", yaml("name: mine\n" + MINIMAL).name());
        var e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(MINIMAL, ConfigLoader.Format.YAML, dir, "request", null));
        assertEquals("$.name", e.path());
        assertTrue(e.getMessage().endsWith("got nothing"), e.getMessage());
        var bad = yamlError("name: 'credit g'\n" + MINIMAL);
        assertEquals("exp.yaml: $.name: `name` must be 1 to 64 letters, digits, '.', '_' or '-', got \"credit g\"",
                bad.getMessage());
    }

    @Test
    void budgetNeedsMaxTrialsOrMaxDuration() {
        var neither = yamlError(MINIMAL.replace("maxDuration: 60s", "stagnation: 3"));
        assertEquals("$.budget", neither.path());
        assertTrue(neither.getMessage().contains("maxTrials, maxDuration or both"), neither.getMessage());
        assertEquals("$.budget", yamlError("data: {train: x.csv, target: y}\n").path());
        ExperimentConfig trialsOnly = yaml(MINIMAL.replace("maxDuration: 60s", "maxTrials: 5"));
        assertNull(trialsOnly.budget().maxDuration(), "unlimited");
        assertEquals(Duration.ofMinutes(10), trialsOnly.budget().trialTimeout());
    }

    @Test
    void requiredDataKeysAreNamed() {
        var target = yamlError("data: {train: x.csv}\nbudget: {maxTrials: 3}\n");
        assertEquals("exp.yaml: $.data.target: expected the name of the column to predict, got nothing", target.getMessage());
        assertEquals("$.data.target", target.path());
        assertEquals("$.data.train", yamlError("data: {target: y}\nbudget: {maxTrials: 3}\n").path());
        assertEquals("$.data", yamlError("budget: {maxTrials: 3}\n").path());
        assertEquals("$.data.train", yamlError("data: {train: '', target: y}\nbudget: {maxTrials: 3}\n").path());
    }

    @Test
    void learnerListsMustBeNonEmptyAndDisjoint() {
        var overlap = yamlError(MINIMAL + "learners: [a, b, c]\nblockedLearners: [x, c, b]\n");
        assertEquals("$.blockedLearners[1]", overlap.path());
        assertTrue(overlap.getMessage().contains("got c in both learners and blockedLearners"), overlap.getMessage());
        var empty = yamlError(MINIMAL + "learners: []\n");
        assertEquals("$.learners", empty.path());
        assertTrue(empty.getMessage().contains("at least one learner"), empty.getMessage());
        assertEquals("$.learners[1]", yamlError(MINIMAL + "learners: [a, ~]\n").path());
        assertEquals("$.blockedLearners[0]", yamlError(MINIMAL + "blockedLearners: ['  ']\n").path());
        assertEquals(List.of(), yaml(MINIMAL + "blockedLearners: []\n").blockedLearners(), "blocking none is fine");
    }

    @Test
    void dataValuesAreChecked() {
        assertEquals("$.data.missingValues[1]",
                yamlError(MINIMAL.replace("target: class", "target: class\n  missingValues: [NA, ~]")).path());
        var quote = yamlError(MINIMAL.replace("target: class", "target: class\n  delimiter: '\"'"));
        assertEquals("exp.yaml: $.data.delimiter: `delimiter` cannot be a quote or a line break, got '\"'", quote.getMessage());
        assertEquals(Task.REGRESSION, yaml(MINIMAL.replace("target: class", "target: class\n  task: Regression")).data().task(),
                "task names are case-insensitive");
    }

    @Test
    void validationSchemesReadTheirKeysAndStateTheirRules() {
        assertEquals(new KFoldValidation(5, 3, true),
                yaml(MINIMAL + "validation: {type: kfold, repeats: 3}\n").validation());
        assertEquals(new GroupKFoldValidation("patient", 4),
                yaml(MINIMAL + "validation: {type: group, column: patient, folds: 4}\n").validation());
        assertEquals(new TimeSplitValidation("date", 3), yaml(MINIMAL + "validation: {type: time, column: date}\n").validation());
        assertEquals("exp.yaml: $.validation.column: expected the name of the group column, got nothing",
                yamlError(MINIMAL + "validation: {type: group}\n").getMessage());
        assertEquals("exp.yaml: $.validation.repeats: `folds * repeats <= 50` must hold, got 10 * 6 = 60",
                yamlError(MINIMAL + "validation: {type: kfold, folds: 10, repeats: 6}\n").getMessage());
        assertEquals("$.validation.colum", yamlError(MINIMAL + "validation: {type: time, colum: date}\n").path());
        ExperimentConfig c = yaml(MINIMAL + "validation: {type: time, column: date, folds: 2}\n");
        assertEquals(c, roundTrip(c));
    }
}
