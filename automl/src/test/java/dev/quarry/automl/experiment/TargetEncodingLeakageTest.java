package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.evaluation.Split;
import dev.quarry.automl.evaluation.Splits;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.featurize.profile.ColumnType;
import dev.quarry.featurize.profile.Profiler;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import dev.quarry.featurize.transform.Featurizer;
import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.runner.trial.TrialTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Target encoding cannot leak: a high-cardinality column of pure noise, target encoded by the real
 * featurizer inside the real cross-validation evaluator, scores an AUC near 0.5; the same column
 * encoded in-sample on all rows before splitting (the classic mistake, built here by hand) scores
 * far above it through the same evaluator and learner.
 *
 * <p>3,000 rows, 1,000 levels (3 rows each on average), a fair coin as target; seeds are fixed, so
 * the test is deterministic. Over 12 data seeds the honest AUC ranged 0.470 to 0.533 (standard
 * deviation about 0.02; this seed gives 0.470), so the ±0.06 band is 3 standard deviations: a
 * false failure for a new seed about 3 times in 1,000. The in-sample encoding moves each row's value
 * by 1/13 towards its own label (AUC 0.80 here), far above the 0.65 bound.
 */
class TargetEncodingLeakageTest {

    private static final int ROWS = 3000;
    private static final int LEVELS = 1000;

    private record Data(CategoricalColumn code, Target target) {
    }

    private static Data noise() {
        var random = new Random(11);
        int[] codes = new int[ROWS];
        int[] labels = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            codes[i] = random.nextInt(LEVELS);
            labels[i] = random.nextInt(2);
        }
        var levels = new ArrayList<String>();
        for (int l = 0; l < LEVELS; l++) {
            levels.add("L" + l);
        }
        return new Data(new CategoricalColumn("code", codes, levels),
                new Target("y", Task.BINARY, List.of("0", "1"), labels, null));
    }

    /** Cross-validated AUC of logistic regression on the table, through the experiment's evaluator. */
    private static double crossValidatedAuc(Table features, Target target, FeaturizerSpec spec) throws Exception {
        var folds = new ArrayList<Fold>();
        for (Split s : Splits.stratifiedKFold(target, 5, 3)) {
            folds.add(new Fold(features.select(s.train()), target.select(s.train()), features.select(s.test()),
                    target.select(s.test())));
        }
        Learner learner = LearnerCatalog.load().find("smile.logistic_regression").orElseThrow();
        var evaluator = new CrossValidationEvaluator(folds, Map.of(learner.name(), learner), Metric.AUC, spec, null);
        var params = learner.space(Task.BINARY, ROWS).defaults();
        return evaluator.evaluate(new TrialTask("leak", 0, params, 5, Duration.ofMinutes(5))).score();
    }

    @Test
    void outOfFoldTargetEncodingOfNoiseScoresChanceWhileInSampleEncodingIsInflated() throws Exception {
        Data d = noise();
        Table honest = new Table(List.<Column>of(d.code()));
        var profile = Profiler.profile(honest, Map.of());
        assertEquals(ColumnType.CATEGORICAL, profile.get("code").type());
        FeaturizerSpec spec = FeaturizerSpec.defaults().withProfile(profile);
        assertEquals(List.of("code__te"), Featurizer.fitTransform(honest, d.target(), spec).featurizer().featureNames(),
                "1,000 levels are target encoded");

        double auc = crossValidatedAuc(honest, d.target(), spec);
        assertTrue(Math.abs(auc - 0.5) < 0.06, "out-of-fold target encoding of noise: AUC " + auc);

        // The mistake: encode with all rows' targets, then cross-validate on the encoded number.
        double[] sums = new double[LEVELS];
        int[] counts = new int[LEVELS];
        for (int i = 0; i < ROWS; i++) {
            sums[d.code().codes()[i]] += d.target().labels()[i];
            counts[d.code().codes()[i]]++;
        }
        double[] leaky = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            int c = d.code().codes()[i];
            leaky[i] = (sums[c] + 10 * 0.5) / (counts[c] + 10);
        }
        Table inSample = new Table(List.<Column>of(new NumericColumn("code_te", leaky)));
        double inflated = crossValidatedAuc(inSample, d.target(),
                FeaturizerSpec.defaults().withProfile(Profiler.profile(inSample, Map.of())));
        assertTrue(inflated > 0.65, "in-sample encoding should look predictive, AUC " + inflated);
    }
}
