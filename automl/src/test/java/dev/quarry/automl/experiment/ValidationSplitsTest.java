package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.config.AutoValidation;
import dev.quarry.automl.config.ConfigException;
import dev.quarry.automl.config.GroupKFoldValidation;
import dev.quarry.automl.config.KFoldValidation;
import dev.quarry.automl.config.TimeSplitValidation;
import dev.quarry.automl.evaluation.Split;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.table.LabelledTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation plans from real CSV columns: group and time columns read by name, errors naming them. */
class ValidationSplitsTest {

    @TempDir
    Path dir;

    /** 60 rows: a text group (12 patients), an ISO date in shuffled order, a feature, a binary target. */
    private LabelledTable table(boolean missingDate) throws Exception {
        var csv = new StringBuilder("patient,date,x,y\n");
        for (int i = 0; i < 60; i++) {
            int day = (i * 37) % 60;
            String date = missingDate && i == 7 ? "" : "2024-%02d-%02d".formatted(1 + day / 28, 1 + day % 28);
            csv.append("p").append(i % 12).append(',').append(date).append(',').append(i).append(',')
                    .append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        Path file = dir.resolve("t.csv");
        Files.writeString(file, csv);
        return ExperimentData.load(file, null, "y", null, CsvOptions.defaults()).train();
    }

    @Test
    void groupPlanKeepsEachPatientOnOneSide() throws Exception {
        LabelledTable t = table(false);
        var plan = ValidationSplits.plan(new GroupKFoldValidation("patient", 4), t, 1, "x.yaml");
        assertEquals("4-fold group cross-validation by 'patient' (12 groups; no group on both sides of a split)",
                plan.description());
        var patients = (dev.quarry.featurize.table.CategoricalColumn) t.features().column("patient");
        for (Split s : plan.splits()) {
            var train = new HashSet<String>();
            for (int r : s.train()) {
                train.add(patients.value(r));
            }
            for (int r : s.test()) {
                assertTrue(!train.contains(patients.value(r)), patients.value(r));
            }
        }
    }

    @Test
    void timePlanOrdersIsoDatesAsText() throws Exception {
        LabelledTable t = table(false);
        var plan = ValidationSplits.plan(new TimeSplitValidation("date", 2), t, 1, "x.yaml");
        var dates = (dev.quarry.featurize.table.CategoricalColumn) t.features().column("date");
        for (Split s : plan.splits()) {
            String latestTrain = java.util.Arrays.stream(s.train()).mapToObj(dates::value).max(String::compareTo).orElseThrow();
            String earliestTest = java.util.Arrays.stream(s.test()).mapToObj(dates::value).min(String::compareTo).orElseThrow();
            assertTrue(latestTrain.compareTo(earliestTest) < 0, latestTrain + " >= " + earliestTest);
        }
        assertEquals(20, plan.splits().getFirst().train().length);
    }

    @Test
    void badColumnsAreNamedWithTheirPath() throws Exception {
        LabelledTable t = table(true);
        var absent = assertThrows(ConfigException.class,
                () -> ValidationSplits.plan(new GroupKFoldValidation("patiant", 4), t, 1, "x.yaml"));
        assertEquals("x.yaml: $.validation.column: no column 'patiant' in the training file; columns are: patient, date, x",
                absent.getMessage());
        var missing = assertThrows(ConfigException.class,
                () -> ValidationSplits.plan(new TimeSplitValidation("date", 2), t, 1, "x.yaml"));
        assertEquals("x.yaml: $.validation.column: the time column 'date' needs a value in every row; 1 rows have none"
                + " (first: data row 8)", missing.getMessage());
        var target = assertThrows(ConfigException.class,
                () -> ValidationSplits.plan(new GroupKFoldValidation("y", 4), t, 1, "x.yaml"));
        assertEquals("x.yaml: $.validation.column: the group column cannot be the target 'y'", target.getMessage());
        var tooMany = assertThrows(ConfigException.class,
                () -> ValidationSplits.plan(new GroupKFoldValidation("patient", 13), t, 1, "x.yaml"));
        assertEquals("x.yaml: $.validation: `2 <= folds <= groups` must hold, got folds=13 for 12 groups",
                tooMany.getMessage());
    }

    @Test
    void autoExplainsItsChoiceAndRepeatsAreCounted() throws Exception {
        LabelledTable t = table(false);
        var auto = ValidationSplits.plan(new AutoValidation(), t, 1, "x.yaml");
        assertEquals("stratified 10-fold cross-validation (auto: 60 rows < 1000, so 10 folds)", auto.description());
        var repeated = ValidationSplits.plan(new KFoldValidation(3, 2, true), t, 1, "x.yaml");
        assertEquals(6, repeated.splits().size());
        assertEquals("stratified 3-fold cross-validation repeated 2 times", repeated.description());
    }
}
