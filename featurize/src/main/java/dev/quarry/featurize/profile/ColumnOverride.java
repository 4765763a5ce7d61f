package dev.quarry.featurize.profile;

import dev.quarry.featurize.table.ColumnKind;

/**
 * A column type a user may force ({@code featurize.columns: {name: type}}), as written in config.
 * Each maps to a {@link ColumnType} and to the storage the column must be read with.
 */
public enum ColumnOverride {
    /** Read as numbers; a cell that is not a number is an error naming its line. */
    NUMERIC(ColumnType.NUMERIC, ColumnKind.NUMERIC),
    /** Read as strings, whatever they look like (e.g. numeric codes such as flight numbers). */
    CATEGORICAL(ColumnType.CATEGORICAL, ColumnKind.CATEGORICAL),
    /** Two values. */
    BOOLEAN(ColumnType.BOOLEAN, null),
    /** Dates or date-times in one of the supported formats ({@link DatetimeFormat}). */
    DATETIME(ColumnType.DATETIME, ColumnKind.CATEGORICAL),
    /** Free text. */
    TEXT(ColumnType.TEXT, ColumnKind.CATEGORICAL),
    /** An identifier: dropped. */
    ID(ColumnType.ID, null),
    /** Dropped. */
    IGNORE(ColumnType.IGNORED, null);

    private final ColumnType type;
    private final ColumnKind storage;

    ColumnOverride(ColumnType type, ColumnKind storage) {
        this.type = type;
        this.storage = storage;
    }

    /** @return the type it forces */
    public ColumnType type() {
        return type;
    }

    /** @return the storage kind the CSV reader must use, or null to let it infer one */
    public ColumnKind storage() {
        return storage;
    }
}
