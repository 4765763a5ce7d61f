package dev.quarry.featurize.transform;

import dev.quarry.featurize.DataException;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.featurize.table.NumericColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric column: missing values (NaN, and infinities, which a CSV never yields) filled with the
 * training median or mean, optionally a 0/1 missing indicator, optionally shifted and divided. The
 * {@link Featurizer} leaves {@code mean} 0 and {@code scale} 1 and standardises every output feature
 * at once ({@link Standardization}); the two fields keep featurizers written that way readable.
 *
 * @param column the raw column
 * @param fill the training median (or mean), used for missing values
 * @param indicator whether a {@code <column>__missing} feature follows
 * @param mean subtracted before dividing by {@code scale} (0 when not scaling)
 * @param scale the divisor (1 when not scaling)
 */
public record NumericTransform(String column, double fill, boolean indicator, double mean, double scale)
        implements ColumnTransform {

    /** Validates. */
    public NumericTransform {
        if (!Double.isFinite(fill) || !Double.isFinite(mean) || !(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("numeric transform of " + column + " needs finite fill, mean and a positive scale");
        }
    }

    @Override
    public ColumnKind inputKind() {
        return ColumnKind.NUMERIC;
    }

    @Override
    public List<String> featureNames() {
        var names = new ArrayList<String>();
        names.add(column);
        if (indicator) {
            names.add(column + "__missing");
        }
        return names;
    }

    @Override
    public void apply(Column input, double[][] out, int offset) {
        if (!(input instanceof NumericColumn numeric)) {
            throw new DataException("column '" + column + "' must hold numbers, as in the training data");
        }
        double[] v = numeric.values();
        for (int i = 0; i < v.length; i++) {
            boolean missing = !Double.isFinite(v[i]);
            out[i][offset] = ((missing ? fill : v[i]) - mean) / scale;
            if (indicator) {
                out[i][offset + 1] = missing ? 1 : 0;
            }
        }
    }
}
