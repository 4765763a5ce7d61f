package dev.quarry.featurize.transform;

import dev.quarry.featurize.DataException;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.NumericColumn;
import java.util.ArrayList;
import java.util.HashMap;

/** Views a column as categories: text columns as they are, numeric codes by their printed value. */
final class Categorical {

    private Categorical() {
    }

    /**
     * @param input a raw column
     * @param column its name, for messages
     * @return its values as categories; numbers print as integers when integral ("3", not "3.0")
     */
    static CategoricalColumn of(Column input, String column) {
        return switch (input) {
            case CategoricalColumn c -> c;
            case NumericColumn n -> fromNumbers(n);
        };
    }

    /**
     * @param input a raw column
     * @param column its name, for messages
     * @return it, if it holds text
     * @throws DataException if it holds numbers
     */
    static CategoricalColumn text(Column input, String column) {
        if (input instanceof CategoricalColumn c) {
            return c;
        }
        throw new DataException("column '" + column + "' must hold text, as in the training data; "
                + "read prediction input with the model's column kinds");
    }

    private static CategoricalColumn fromNumbers(NumericColumn n) {
        double[] v = n.values();
        int[] codes = new int[v.length];
        var index = new HashMap<Double, Integer>();
        var levels = new ArrayList<String>();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                codes[i] = -1;
                continue;
            }
            Integer code = index.get(v[i]);
            if (code == null) {
                code = levels.size();
                index.put(v[i], code);
                levels.add(format(v[i]));
            }
            codes[i] = code;
        }
        return new CategoricalColumn(n.name(), codes, levels);
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
