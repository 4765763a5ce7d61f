package dev.quarry.featurize.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profile of every feature column of a table, in column order. Immutable.
 *
 * @param columns one profile per column
 */
public record TableProfile(List<ColumnProfile> columns) {

    /** Copies. */
    public TableProfile {
        columns = List.copyOf(columns);
    }

    /**
     * @param name a column name
     * @return its profile, or null if the table had no such column
     */
    public ColumnProfile get(String name) {
        for (ColumnProfile c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** @return each column's type, in column order */
    public Map<String, ColumnType> types() {
        var out = new LinkedHashMap<String, ColumnType>();
        columns.forEach(c -> out.put(c.name(), c.type()));
        return out;
    }
}
