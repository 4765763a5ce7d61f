package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.config.ConfigException;
import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.featurize.table.Task;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which learners an experiment searches: row caps for the learners whose cost grows with the square of the rows. */
class ExperimentResolverTest {

    private static ExperimentConfig config(String learners) {
        return ConfigLoader.parse("name: caps\ndata: {train: t.csv, target: y}\nbudget: {maxTrials: 5}\n" + learners, ConfigLoader.Format.YAML,
                Path.of("/base"), "caps.yaml");
    }

    private static List<String> names(int rows) {
        return ExperimentResolver.resolveLearners(config(""), Task.REGRESSION, rows, LearnerCatalog.load(), "caps.yaml")
                .stream().map(Learner::name).toList();
    }

    @Test
    void kNearestNeighboursAndTheKernelMethodsAreLeftOutAboveTheirRowCaps() {
        assertTrue(names(2_000).contains("tribuo.knn"), names(2_000).toString());
        // k-NN validates by brute force: 86 s a trial at 117,000 rows of hflights
        assertTrue(names(50_000).contains("tribuo.knn"));
        assertFalse(names(50_001).contains("tribuo.knn"));
        assertFalse(names(50_001).contains("smile.gaussian_process"));
        assertTrue(names(50_001).contains("tribuo.xgboost"));
    }

    @Test
    void aCappedLearnerNamedAloneIsAnErrorThatSaysWhy() {
        var e = assertThrows(ConfigException.class, () -> ExperimentResolver.resolveLearners(
                config("learners: [tribuo.knn]\n"), Task.REGRESSION, 60_000, LearnerCatalog.load(), "caps.yaml"));
        assertTrue(e.getMessage().contains("$.learners") && e.getMessage().contains("tribuo.knn")
                && e.getMessage().contains("60000"), e.getMessage());
        assertEquals(1, ExperimentResolver.resolveLearners(config("learners: [tribuo.knn]\n"), Task.REGRESSION, 60,
                LearnerCatalog.load(), "caps.yaml").size());
    }
}
