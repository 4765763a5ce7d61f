package dev.quarry.featurize.table;

import dev.quarry.featurize.DataException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An immutable table of named columns of equal length, in a fixed order. */
public final class Table {

    private final List<Column> columns;
    private final Map<String, Column> byName = new LinkedHashMap<>();
    private final int rows;

    /**
     * @param columns the columns; names distinct, sizes equal. With no columns the table has no rows.
     * @throws IllegalArgumentException if sizes differ or a name repeats
     */
    public Table(List<Column> columns) {
        this(columns, columns.isEmpty() ? 0 : columns.getFirst().size());
    }

    /**
     * Keeps the row count explicit, so dropping every column (a file holding only its target) still
     * leaves a table with as many rows as its target.
     */
    private Table(List<Column> columns, int rows) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        for (Column c : this.columns) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, expected " + rows);
            }
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("duplicate column name " + c.name());
            }
        }
    }

    /** @return the number of rows */
    public int rowCount() {
        return rows;
    }

    /** @return the columns in order */
    public List<Column> columns() {
        return columns;
    }

    /** @return the column names in order */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /**
     * @param name a column name
     * @return whether the table has it
     */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /**
     * @param name a column name
     * @return the column
     * @throws DataException naming the column and the available ones if absent
     */
    public Column column(String name) {
        Column c = byName.get(name);
        if (c == null) {
            throw new DataException("column '" + name + "' not found; columns are: " + String.join(", ", columnNames()));
        }
        return c;
    }

    /**
     * @param rowIndices row indices, in the order wanted
     * @return a table with those rows
     */
    public Table select(int[] rowIndices) {
        return new Table(columns.stream().map(c -> c.select(rowIndices)).toList(), rowIndices.length);
    }

    /**
     * @param names columns to leave out; names the table lacks are ignored
     * @return a table without them
     */
    public Table drop(Collection<String> names) {
        var drop = new HashSet<>(names);
        return new Table(columns.stream().filter(c -> !drop.contains(c.name())).toList(), rows);
    }
}
