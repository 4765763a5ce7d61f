package dev.quarry.featurize.table;

import java.util.List;

/**
 * A dictionary-encoded column of strings: {@code codes[i]} indexes {@code levels}, and -1 marks a
 * missing value. Levels are in first-seen order and may include levels no selected row uses.
 *
 * @param name the column's name
 * @param codes one code per row
 * @param levels the distinct strings
 */
public record CategoricalColumn(String name, int[] codes, List<String> levels) implements Column {

    /** Copies the level list. */
    public CategoricalColumn {
        levels = List.copyOf(levels);
    }

    @Override
    public ColumnKind kind() {
        return ColumnKind.CATEGORICAL;
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] < 0;
    }

    /**
     * @param row a row index
     * @return its string, or null if missing
     */
    public String value(int row) {
        return codes[row] < 0 ? null : levels.get(codes[row]);
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = codes[rows[i]];
        }
        return new CategoricalColumn(name, out, levels);
    }
}
