package dev.quarry.featurize.profile;

/** What a raw column means, which decides how it is featurized. */
public enum ColumnType {
    /** Numbers: imputed, optionally scaled. */
    NUMERIC,
    /** Few distinct integers (codes such as 1..7): the value plus one indicator per code. */
    INTEGER_CATEGORICAL,
    /** Strings from a set of levels: one-hot, or frequency/target encoding when there are many. */
    CATEGORICAL,
    /** Two values (0/1, true/false, yes/no): one feature. */
    BOOLEAN,
    /** Dates or date-times in a detected format: year, month, day, weekday, hour, elapsed. */
    DATETIME,
    /** Free text of several words: hashed word n-grams. */
    TEXT,
    /** A different value on every row (a key): dropped. */
    ID,
    /** One value on every row, or no value at all: dropped. */
    CONSTANT,
    /** Dropped because the config says so. */
    IGNORED;

    /** @return whether the column yields no features */
    public boolean dropped() {
        return this == ID || this == CONSTANT || this == IGNORED;
    }
}
