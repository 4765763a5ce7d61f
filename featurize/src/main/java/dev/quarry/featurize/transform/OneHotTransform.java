package dev.quarry.featurize.transform;

import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.ColumnKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A low-cardinality categorical column as one 0/1 feature per training level ({@code column=level}),
 * then {@code column=__other__} if rare training levels were grouped, then {@code column=__missing__}
 * if values were missing in training and kept as their own level. A level not seen in training goes
 * to {@code __other__} when there is one, else gives all zeros. A missing value sets the
 * {@code __missing__} feature, or the {@code fill} level's (most-frequent imputation), or nothing.
 *
 * @param column the raw column
 * @param levels the training levels kept, most frequent first
 * @param missingLevel whether a missing-value feature follows
 * @param otherLevel whether an {@code __other__} feature (rare and unseen levels) follows the levels
 * @param fill the level missing values are counted as, or null
 */
public record OneHotTransform(String column, List<String> levels, boolean missingLevel, boolean otherLevel, String fill)
        implements ColumnTransform {

    /** Copies the levels and checks the fill level is one of them. */
    public OneHotTransform {
        levels = List.copyOf(levels);
        if (fill != null && !levels.contains(fill)) {
            throw new IllegalArgumentException("one-hot fill level '" + fill + "' of " + column + " is not one of its levels");
        }
    }

    /**
     * @param column the raw column
     * @param levels the training levels
     * @param missingLevel whether a missing-value feature follows
     */
    public OneHotTransform(String column, List<String> levels, boolean missingLevel) {
        this(column, levels, missingLevel, false, null);
    }

    @Override
    public ColumnKind inputKind() {
        return null;
    }

    @Override
    public List<String> featureNames() {
        var names = new ArrayList<String>();
        levels.forEach(l -> names.add(column + "=" + l));
        if (otherLevel) {
            names.add(column + "=__other__");
        }
        if (missingLevel) {
            names.add(column + "=__missing__");
        }
        return names;
    }

    @Override
    public void apply(Column input, double[][] out, int offset) {
        CategoricalColumn c = Categorical.of(input, column);
        var index = new HashMap<String, Integer>();
        for (int k = 0; k < levels.size(); k++) {
            index.put(levels.get(k), k);
        }
        int other = otherLevel ? levels.size() : -1;
        int missing = missingLevel ? levels.size() + (otherLevel ? 1 : 0) : -1;
        int filled = fill == null ? -1 : index.get(fill);
        int[] map = new int[c.levels().size()];
        for (int code = 0; code < map.length; code++) {
            map[code] = index.getOrDefault(c.levels().get(code), other);
        }
        int[] codes = c.codes();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0) {
                if (missing >= 0) {
                    out[i][offset + missing] = 1;
                }
                if (filled >= 0) {
                    out[i][offset + filled] = 1;
                }
            } else if (map[codes[i]] >= 0) {
                out[i][offset + map[codes[i]]] = 1;
            }
        }
    }
}
