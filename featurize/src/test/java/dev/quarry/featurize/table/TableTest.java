package dev.quarry.featurize.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.featurize.DataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    private static final double NA = Double.NaN;

    private final Table table = new Table(List.of(
            new NumericColumn("x", new double[] {1, NA, 3, 4}),
            new CategoricalColumn("c", new int[] {1, 0, -1, 1}, List.of("a", "b"))));

    @Test
    void columnsAreFoundByNameAndAnAbsentOneListsTheOthers() {
        assertEquals(4, table.rowCount());
        assertEquals(List.of("x", "c"), table.columnNames());
        assertTrue(table.has("c"));
        assertFalse(table.has("y"));
        var e = assertThrows(DataException.class, () -> table.column("y"));
        assertEquals("column 'y' not found; columns are: x, c", e.getMessage());
    }

    @Test
    void selectTakesRowsInTheOrderGiven() {
        Table t = table.select(new int[] {3, 0, 0});
        assertEquals(3, t.rowCount());
        assertArrayEquals(new double[] {4, 1, 1}, ((NumericColumn) t.column("x")).values());
        var c = (CategoricalColumn) t.column("c");
        assertEquals("b", c.value(0));
        assertEquals(List.of("a", "b"), c.levels(), "levels are kept even if unused");
    }

    @Test
    void missingValuesAreCountedInBothKinds() {
        assertEquals(1, table.column("x").missingCount());
        assertEquals(1, table.column("c").missingCount());
        assertTrue(table.column("c").isMissing(2));
        assertNull(((CategoricalColumn) table.column("c")).value(2));
        assertEquals(ColumnKind.NUMERIC, table.column("x").kind());
        assertEquals(ColumnKind.CATEGORICAL, table.column("c").kind());
    }

    @Test
    void dropIgnoresUnknownNamesAndKeepsTheRowCountWithNoColumnsLeft() {
        assertEquals(List.of("c"), table.drop(List.of("x", "nope")).columnNames());
        Table empty = table.drop(List.of("x", "c"));
        assertEquals(0, empty.columns().size());
        assertEquals(4, empty.rowCount());
        assertEquals(2, empty.select(new int[] {0, 1}).rowCount());
    }

    @Test
    void unevenColumnsAndRepeatedNamesAreRejected() {
        var uneven = assertThrows(IllegalArgumentException.class, () -> new Table(List.of(
                new NumericColumn("x", new double[] {1, 2}), new NumericColumn("y", new double[] {1}))));
        assertEquals("column y has 1 rows, expected 2", uneven.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Table(List.of(
                new NumericColumn("x", new double[] {1}), new NumericColumn("x", new double[] {2}))));
    }
}
