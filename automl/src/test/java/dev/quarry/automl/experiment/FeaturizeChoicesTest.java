package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.transform.HighCardinality;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Featurization choices as conditional hyperparameters of each learner's branch. */
class FeaturizeChoicesTest {

    @TempDir
    Path dir;

    /** 600 rows: a 60-level store whose level sets the odds, a short text, a number. */
    private ResolvedExperiment resolve(boolean search) throws Exception {
        var random = new Random(8);
        var csv = new StringBuilder("store,note,x,y\n");
        String[] words = {"fine", "late", "broken", "good", "box", "refund", "thanks"};
        for (int i = 0; i < 600; i++) {
            int store = random.nextInt(60);
            var note = new StringBuilder();
            for (int w = 0; w < 4; w++) {
                note.append(w > 0 ? " " : "").append(words[random.nextInt(words.length)]);
            }
            boolean y = random.nextDouble() < (store < 30 ? 0.7 : 0.3);
            csv.append("s").append(store).append(',').append(note).append(',').append(random.nextGaussian()).append(',')
                    .append(y ? 1 : 0).append('\n');
        }
        Files.writeString(dir.resolve("d.csv"), csv);
        ExperimentConfig config = ConfigLoader.parse("""
                data: {train: d.csv, target: y}
                budget: {maxTrials: 2}
                validation: {type: kfold, folds: 3}
                learners: [smile.logistic_regression, smile.random_forest]
                featurize: {search: %s, columns: {note: text}}
                """.formatted(search), ConfigLoader.Format.YAML, dir, "t.yaml", "t");
        var data = ExperimentData.load(config.data().train(), null, "y", null, CsvOptions.defaults());
        return ExperimentResolver.resolve("e", config, "t.yaml", data, LearnerCatalog.load());
    }

    private static LearnerSpace branch(ResolvedExperiment e, String learner) {
        return e.space().learners().stream().filter(s -> s.learner().equals(learner)).findFirst().orElseThrow();
    }

    @Test
    void searchedChoicesJoinEveryLearnersBranchOnlyWhenAsked() throws Exception {
        ResolvedExperiment searched = resolve(true);
        for (String learner : new String[] {"smile.logistic_regression", "smile.random_forest"}) {
            var names = branch(searched, learner).hyperparameters().stream().map(Hyperparameter::name).toList();
            assertTrue(names.contains(FeaturizeChoices.ENCODING) && names.contains(FeaturizeChoices.TEXT), names.toString());
        }
        assertEquals("target", branch(searched, "smile.random_forest").find(FeaturizeChoices.ENCODING).orElseThrow()
                .defaultValue(), "the config's setting is the default");
        var plain = branch(resolve(false), "smile.random_forest").hyperparameters().stream().map(Hyperparameter::name).toList();
        assertTrue(plain.stream().noneMatch(n -> n.startsWith("featurize_")), plain.toString());
    }

    @Test
    void aTrialsChoiceReachesItsFoldFeaturizers() throws Exception {
        ResolvedExperiment e = resolve(true);
        var spec = FeaturizeChoices.apply(e.featurizerSpec(), new Params("smile.random_forest",
                Map.of(FeaturizeChoices.ENCODING, "frequency", FeaturizeChoices.TEXT, "off")));
        assertEquals(HighCardinality.FREQUENCY, spec.highCardinality());
        assertEquals(0, spec.textBuckets());

        var learner = e.learners().stream().filter(l -> l.name().equals("smile.logistic_regression")).findFirst().orElseThrow();
        var evaluator = new CrossValidationEvaluator(e.folds(), Map.of(learner.name(), learner), e.metric(),
                e.featurizerSpec(), null);
        LearnerSpace space = branch(e, learner.name());
        var target = new TreeMap<String, Object>(space.defaults().values());
        var frequency = new TreeMap<String, Object>(target);
        frequency.put(FeaturizeChoices.ENCODING, "frequency");
        double a = evaluator.evaluate(new TrialTask("e", 0, space.complete(target), 1, Duration.ofMinutes(2))).score();
        double b = evaluator.evaluate(new TrialTask("e", 1, space.complete(frequency), 1, Duration.ofMinutes(2))).score();
        assertNotEquals(a, b, "target and frequency encoding give different features, hence scores");
    }
}
