package dev.quarry.featurize.transform;

import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A low-cardinality categorical column as one 0/1 feature per training level ({@code column=level}),
 * plus {@code column=__missing__} if values were missing in training. A level not seen in training,
 * or a missing value without that feature, gives all zeros.
 *
 * @param column the raw column
 * @param levels the training levels, most frequent first
 * @param missingLevel whether a missing-value feature follows the levels
 */
public record OneHotTransform(String column, List<String> levels, boolean missingLevel) implements ColumnTransform {

    /** Copies the levels. */
    public OneHotTransform {
        levels = List.copyOf(levels);
    }

    @Override
    public List<String> featureNames() {
        var names = new ArrayList<String>();
        levels.forEach(l -> names.add(column + "=" + l));
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
        int[] map = new int[c.levels().size()];
        for (int code = 0; code < map.length; code++) {
            map[code] = index.getOrDefault(c.levels().get(code), -1);
        }
        int[] codes = c.codes();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0) {
                if (missingLevel) {
                    out[i][offset + levels.size()] = 1;
                }
            } else if (map[codes[i]] >= 0) {
                out[i][offset + map[codes[i]]] = 1;
            }
        }
    }
}
