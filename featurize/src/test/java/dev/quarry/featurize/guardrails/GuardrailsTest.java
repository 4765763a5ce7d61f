package dev.quarry.featurize.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.featurize.Datasets;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.featurize.profile.Profiler;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.LabelledTable;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Targets;
import dev.quarry.featurize.table.Task;
import dev.quarry.featurize.transform.FeaturizerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardrailsTest {

    private static final Guardrails.ValidationPlan FIVE_FOLDS = new Guardrails.ValidationPlan(5, 0.2, "5-fold cross-validation");

    private static GuardrailReport run(LabelledTable train, LabelledTable validation, Guardrails.ValidationPlan plan) {
        var profile = Profiler.profile(train.features(), Map.of());
        return Guardrails.run(train, validation, profile, FeaturizerSpec.defaults().withProfile(profile), plan);
    }

    private static LabelledTable creditG() {
        return Targets.split(CsvReader.read(Datasets.path("credit-g.csv"), CsvOptions.defaults()), "class", null, "credit-g.csv");
    }

    /** credit-g plus a copy of its target with 1% of the labels flipped, as text. */
    private static LabelledTable withPlantedLeak(LabelledTable t) {
        var random = new Random(3);
        int[] codes = new int[t.target().size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = random.nextDouble() < 0.01 ? 1 - t.target().labels()[i] : t.target().labels()[i];
        }
        var columns = new ArrayList<Column>(t.features().columns());
        columns.add(new CategoricalColumn("approved_flag", codes, List.of("N", "Y")));
        return new LabelledTable(new Table(columns), t.target(), 0);
    }

    @Test
    void aPlantedLeakIsFlaggedBeforeTrainingAndRealDataPasses() {
        LabelledTable clean = creditG();
        assertEquals(CheckStatus.PASSED, run(clean, null, FIVE_FOLDS).check("target_leakage").status());
        GuardrailCheck leak = run(withPlantedLeak(clean), null, FIVE_FOLDS).check("target_leakage");
        assertEquals(CheckStatus.WARNING, leak.status());
        assertEquals(List.of("approved_flag"), leak.columns());
        assertTrue(leak.message().contains("approved_flag alone scores ROC AUC 0.9"), leak.message());
        assertTrue(leak.action().contains("featurize.drop"), leak.action());
    }

    @Test
    void aNumericLeakOfARegressionTargetIsFlaggedButAStrongHonestPredictorIsNot() {
        LabelledTable abalone = Targets.split(CsvReader.read(Datasets.path("abalone.csv"), CsvOptions.defaults()),
                "Class_Rings", null, "abalone.csv");
        assertEquals(CheckStatus.PASSED, run(abalone, null, FIVE_FOLDS).check("target_leakage").status(),
                "shell weight predicts rings well, but far from perfectly");
        var random = new Random(5);
        double[] v = abalone.target().values();
        double[] leak = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            leak[i] = v[i] + random.nextGaussian() * 0.2;
        }
        var columns = new ArrayList<Column>(abalone.features().columns());
        columns.add(new NumericColumn("rings_measured", leak));
        var leaky = new LabelledTable(new Table(columns), abalone.target(), 0);
        GuardrailCheck check = run(leaky, null, FIVE_FOLDS).check("target_leakage");
        assertEquals(List.of("rings_measured"), check.columns());
        assertTrue(check.message().contains("R2"), check.message());
    }

    @Test
    void imbalanceRecommendsAMetricAndTinyClassesNameTheFoldCount() {
        LabelledTable wine = Targets.split(CsvReader.read(Datasets.path("wine-quality-white.csv"), CsvOptions.defaults()),
                "quality", Task.MULTICLASS, "wine-quality-white.csv");
        var report = run(wine, null, new Guardrails.ValidationPlan(10, 0.1, "10-fold cross-validation"));
        GuardrailCheck imbalance = report.check("class_imbalance");
        assertEquals(CheckStatus.WARNING, imbalance.status());
        assertTrue(imbalance.message().contains("accuracy would mislead (always predicting 6 scores 0.449)"),
                imbalance.message());
        assertTrue(imbalance.action().contains("balanced_accuracy"), imbalance.action());
        GuardrailCheck tiny = report.check("tiny_classes");
        assertEquals(CheckStatus.WARNING, tiny.status());
        assertTrue(tiny.message().contains("classes too small for 10-fold cross-validation: 9 (5 rows)"), tiny.message());
        assertEquals(CheckStatus.PASSED, run(creditG(), null, FIVE_FOLDS).check("tiny_classes").status());
    }

    @Test
    void duplicatesAreCountedAndAShiftedValidationFileIsNamed() {
        var random = new Random(1);
        int n = 400;
        double[] x = new double[n];
        double[] z = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < 10 ? 1.0 : random.nextGaussian();
            z[i] = random.nextGaussian();
            y[i] = i < 10 ? 0 : random.nextInt(2);
        }
        var target = new Target("y", Task.BINARY, List.of("0", "1"), y, null);
        z[0] = z[1] = z[2] = 0.5;
        var train = new LabelledTable(new Table(List.of(new NumericColumn("x", x), new NumericColumn("z", z))), target, 0);
        GuardrailCheck dup = run(train, null, FIVE_FOLDS).check("duplicate_rows");
        assertEquals(CheckStatus.WARNING, dup.status());
        assertTrue(dup.message().startsWith("2 rows (0.50%) repeat an earlier row"), dup.message());

        double[] shifted = new double[n];
        double[] same = new double[n];
        for (int i = 0; i < n; i++) {
            shifted[i] = random.nextGaussian() + 1;
            same[i] = random.nextGaussian();
        }
        var validation = new LabelledTable(new Table(List.of(new NumericColumn("x", shifted), new NumericColumn("z", same))),
                target, 0);
        GuardrailCheck shift = run(train, validation, new Guardrails.ValidationPlan(1, 1, "the validation file"))
                .check("distribution_shift");
        assertEquals(CheckStatus.WARNING, shift.status());
        assertEquals(List.of("x"), shift.columns());
    }

    @Test
    void theJsonFormHasExactlyTheDocumentedShapeAndReadsBack(@TempDir Path dir) throws Exception {
        GuardrailReport report = run(withPlantedLeak(creditG()), null, FIVE_FOLDS);
        var root = new ObjectMapper().readTree(report.toJson());
        assertEquals(List.of("checks"), names(root.fieldNames()));
        var ids = new ArrayList<String>();
        for (var check : root.get("checks")) {
            assertEquals(List.of("check", "status", "columns", "message", "action"), names(check.fieldNames()));
            ids.add(check.get("check").asText());
        }
        assertEquals(List.of("missing_values", "high_cardinality", "identifier_columns", "constant_columns", "column_types",
                "class_imbalance", "tiny_classes", "target_leakage", "duplicate_rows", "distribution_shift"), ids);
        Path file = dir.resolve("guardrails.json");
        report.write(file);
        assertEquals(report, GuardrailReport.read(file));
        assertTrue(report.render().contains("WARNING  target_leakage"), report.render());
    }

    private static List<String> names(Iterator<String> it) {
        var out = new ArrayList<String>();
        it.forEachRemaining(out::add);
        return out;
    }
}
