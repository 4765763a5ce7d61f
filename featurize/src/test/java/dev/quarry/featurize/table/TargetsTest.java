package dev.quarry.featurize.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.featurize.DataException;
import dev.quarry.featurize.Datasets;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import java.util.Arrays;
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

    private static Table oneColumn(Column target) {
        int n = target.size();
        double[] ids = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return new Table(List.of(new NumericColumn("id", ids), target));
    }

    @Test
    void labelsIndexTheClassesOfTheirOwnRows() {
        Table credit = CsvReader.read(Datasets.path("credit-g.csv"), CsvOptions.defaults());
        var raw = (CategoricalColumn) credit.column("class");
        Target target = Targets.split(credit, "class", null, "credit-g.csv").target();
        for (int i = 0; i < raw.size(); i++) {
            assertEquals(raw.value(i), target.classes().get(target.labels()[i]));
        }
        assertEquals(300, Arrays.stream(target.labels()).filter(l -> l == 0).count(), "300 bad");
    }

    @Test
    void numericLabelsFormatCanonicallyAndSortByValue() {
        var tens = Targets.split(oneColumn(new NumericColumn("y", new double[] {10, 3, 10, 2})), "y", Task.MULTICLASS, "f.csv");
        assertEquals(List.of("2", "3", "10"), tens.target().classes(), "by value, not \"10\" < \"2\"");
        assertArrayEquals(new int[] {2, 1, 2, 0}, tens.target().labels());
        var halves = Targets.split(oneColumn(new NumericColumn("y", new double[] {1.5, 0.5, 1.5})), "y", null, "f.csv");
        assertEquals(Task.BINARY, halves.target().task());
        assertEquals(List.of("0.5", "1.5"), halves.target().classes());
        var text = Targets.split(oneColumn(new CategoricalColumn("y", new int[] {0, 1, 2}, List.of("10", "9", "2.5"))),
                "y", null, "f.csv");
        assertEquals(List.of("2.5", "9", "10"), text.target().classes(), "numeric-looking text sorts by value too");
    }

    @Test
    void textLabelsSortByStringCompareTo() {
        var t = Targets.split(oneColumn(new CategoricalColumn("y", new int[] {0, 1, 2, 0}, List.of("b", "B", "a"))),
                "y", null, "f.csv");
        assertEquals(Task.MULTICLASS, t.target().task());
        assertEquals(List.of("B", "a", "b"), t.target().classes());
    }

    @Test
    void aGivenTaskOverridesInference() {
        Table abalone = CsvReader.read(Datasets.path("abalone.csv"), CsvOptions.defaults());
        var rings = Targets.split(abalone, "Class_Rings", Task.MULTICLASS, "abalone.csv").target();
        assertEquals(Task.MULTICLASS, rings.task());
        assertEquals("1", rings.classes().getFirst());
        var blood = Targets.split(CsvReader.read(Datasets.path("blood-transfusion.csv"), CsvOptions.defaults()),
                "target", Task.REGRESSION, "blood-transfusion.csv").target();
        assertEquals(Task.REGRESSION, blood.task());
        assertNull(blood.labels());
        var two = Targets.split(oneColumn(new CategoricalColumn("y", new int[] {0, 1}, List.of("n", "y"))),
                "y", Task.MULTICLASS, "f.csv");
        assertEquals(Task.BINARY, two.target().task(), "two classes are always BINARY");
    }

    @Test
    void featuresOfDroppedRowsLeaveWithTheirTargets() {
        var y = new NumericColumn("y", new double[] {1.0, Double.NaN, 2.5, 4.0});
        LabelledTable t = Targets.split(oneColumn(y), "y", null, "f.csv");
        assertEquals(Task.REGRESSION, t.target().task());
        assertEquals(1, t.droppedRows());
        assertArrayEquals(new double[] {0, 2, 3}, ((NumericColumn) t.features().column("id")).values());
        assertArrayEquals(new double[] {1.0, 2.5, 4.0}, t.target().values());
    }

    @Test
    void aTableHoldingOnlyItsTargetGivesRowsWithoutFeatures() {
        Table only = new Table(List.of(new CategoricalColumn("y", new int[] {0, 1, 0}, List.of("a", "b"))));
        LabelledTable t = Targets.split(only, "y", null, "f.csv");
        assertEquals(0, t.features().columns().size());
        assertEquals(3, t.features().rowCount());
    }
}
