package dev.quarry.featurize.transform;

import dev.quarry.featurize.DataException;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;

/** Checks that a column fitted as categorical still is. */
final class Categorical {

    private Categorical() {
    }

    static CategoricalColumn of(Column input, String column) {
        if (input instanceof CategoricalColumn c) {
            return c;
        }
        throw new DataException("column '" + column + "' must hold categories (text), as in the training data; "
                + "read prediction input with the model's column kinds");
    }
}
