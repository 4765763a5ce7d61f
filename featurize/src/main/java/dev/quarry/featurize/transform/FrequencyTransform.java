package dev.quarry.featurize.transform;

import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.ColumnKind;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A high-cardinality categorical column as one feature, {@code <column>__freq}: the share of
 * training rows with the same level. Unseen levels and missing values give 0.
 *
 * @param column the raw column
 * @param frequencies each training level's share of the training rows
 */
public record FrequencyTransform(String column, Map<String, Double> frequencies) implements ColumnTransform {

    /** Copies the map in key order, so the JSON form is stable. */
    public FrequencyTransform {
        frequencies = Collections.unmodifiableMap(new TreeMap<>(frequencies));
    }

    @Override
    public ColumnKind inputKind() {
        return null;
    }

    @Override
    public List<String> featureNames() {
        return List.of(column + "__freq");
    }

    @Override
    public void apply(Column input, double[][] out, int offset) {
        CategoricalColumn c = Categorical.of(input, column);
        double[] byCode = new double[c.levels().size()];
        for (int code = 0; code < byCode.length; code++) {
            byCode[code] = frequencies.getOrDefault(c.levels().get(code), 0.0);
        }
        int[] codes = c.codes();
        for (int i = 0; i < codes.length; i++) {
            out[i][offset] = codes[i] < 0 ? 0 : byCode[codes[i]];
        }
    }
}
