package dev.quarry.featurize.table;

/** One named column of a {@link Table}. Immutable: callers must not modify the arrays they read. */
public sealed interface Column permits NumericColumn, CategoricalColumn {

    /** @return the column's name, as in the CSV header */
    String name();

    /** @return how values are stored */
    ColumnKind kind();

    /** @return the number of rows */
    int size();

    /**
     * @param row a row index
     * @return whether the value is missing
     */
    boolean isMissing(int row);

    /** @return the number of missing values */
    default int missingCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) {
                n++;
            }
        }
        return n;
    }

    /**
     * @param rows row indices, in the order wanted
     * @return a column with those rows
     */
    Column select(int[] rows);
}
