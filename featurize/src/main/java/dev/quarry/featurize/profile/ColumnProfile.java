package dev.quarry.featurize.profile;

import dev.quarry.featurize.table.ColumnKind;

/**
 * What the profiler found in one column.
 *
 * @param name the column's name
 * @param kind how it is stored
 * @param type what it means
 * @param rows the number of rows
 * @param missing how many are missing
 * @param distinct how many distinct non-missing values
 * @param datetimeFormat the detected format of a {@link ColumnType#DATETIME} column, else null
 * @param overridden whether the type was forced by config rather than detected
 * @param reason why it got its type, for people (e.g. "unique on every row")
 */
public record ColumnProfile(String name, ColumnKind kind, ColumnType type, int rows, int missing, int distinct,
        DatetimeFormat datetimeFormat, boolean overridden, String reason) {

    /** Validates. */
    public ColumnProfile {
        if ((type == ColumnType.DATETIME) != (datetimeFormat != null)) {
            throw new IllegalArgumentException("a datetime column needs a format and only it, got " + type + " and "
                    + datetimeFormat + " for " + name);
        }
        if (missing < 0 || missing > rows || distinct < 0) {
            throw new IllegalArgumentException("counts of " + name + " must satisfy 0 <= missing <= rows, got "
                    + missing + " of " + rows);
        }
    }

    /** @return the share of rows missing, 0 for an empty column */
    public double missingShare() {
        return rows == 0 ? 0 : missing / (double) rows;
    }
}
