package dev.quarry.featurize.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.featurize.DataException;
import dev.quarry.featurize.Datasets;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private static LabelledTable split(String file, String target, Task task) {
        return Targets.split(CsvReader.read(Datasets.path(file), CsvOptions.defaults()), target, task, file);
    }

    @Test
    void tasksAreInferredFromTheTarget() {
        var credit = split("credit-g.csv", "class", null);
        assertEquals(Task.BINARY, credit.target().task());
        assertEquals(List.of("bad", "good"), credit.target().classes());
        assertFalse(credit.features().has("class"));
        assertEquals(Task.MULTICLASS, split("iris.csv", "class", null).target().task());
        assertEquals(Task.REGRESSION, split("abalone.csv", "Class_Rings", null).target().task());
        var blood = split("blood-transfusion.csv", "target", null);
        assertEquals(Task.BINARY, blood.target().task());
        assertEquals(List.of("0", "1"), blood.target().classes(), "integral labels print as integers");
    }

    @Test
    void numericClassesSortByValueAndTaskOverrideWorks() {
        var wine = split("wine-quality-white.csv", "quality", Task.MULTICLASS);
        assertEquals(List.of("3", "4", "5", "6", "7", "8", "9"), wine.target().classes());
        assertEquals(5, wine.target().classes().indexOf("8"));
        assertEquals(wine.target().size(), wine.target().labels().length);
    }

    @Test
    void rowsWithAMissingTargetAreDropped() {
        var flights = split("hflights.csv", "ArrDelay", null);
        assertEquals(3622, flights.droppedRows());
        assertEquals(227496 - 3622, flights.target().size());
        assertEquals(flights.target().size(), flights.features().rowCount());
    }

    @Test
    void unusableTargetsAreNamedWithTheFile() {
        Table t = new Table(List.of(new NumericColumn("x", new double[] {1, 2, 3}),
                new CategoricalColumn("y", new int[] {0, 0, -1}, List.of("a")),
                new CategoricalColumn("z", new int[] {-1, -1, -1}, List.of()),
                new CategoricalColumn("w", new int[] {0, 1, 2}, List.of("a", "b", "c"))));
        var absent = assertThrows(DataException.class, () -> Targets.split(t, "q", null, "f.csv"));
        assertTrue(absent.getMessage().contains("'q' not found in f.csv") && absent.getMessage().contains("x, y, z, w"),
                absent.getMessage());
        assertTrue(assertThrows(DataException.class, () -> Targets.split(t, "y", null, "f.csv")).getMessage()
                .contains("only one class"));
        assertTrue(assertThrows(DataException.class, () -> Targets.split(t, "z", null, "f.csv")).getMessage()
                .contains("every row is missing"));
        assertTrue(assertThrows(DataException.class, () -> Targets.split(t, "w", Task.BINARY, "f.csv")).getMessage()
                .contains("3 classes"));
        assertTrue(assertThrows(DataException.class, () -> Targets.split(t, "w", Task.REGRESSION, "f.csv")).getMessage()
                .contains("cannot be a regression target"));
    }
}
