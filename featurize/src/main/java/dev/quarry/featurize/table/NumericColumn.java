package dev.quarry.featurize.table;

/**
 * A column of doubles; NaN marks a missing value.
 *
 * @param name the column's name
 * @param values one value per row
 */
public record NumericColumn(String name, double[] values) implements Column {

    @Override
    public ColumnKind kind() {
        return ColumnKind.NUMERIC;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new NumericColumn(name, out);
    }
}
