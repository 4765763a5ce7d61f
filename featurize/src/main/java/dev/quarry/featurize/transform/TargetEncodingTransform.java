package dev.quarry.featurize.transform;

import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.ColumnKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A high-cardinality categorical column as the smoothed mean of the target per level: one feature
 * {@code <column>__te} for a binary target (the share of the second class) or a regression target
 * (the mean), one {@code <column>__te=<class>} per class for a multiclass target. Levels unseen in
 * training get the training prior; missing values get the missing rows' mean if training had some,
 * else the prior.
 *
 * <p>Applied to the rows it was fitted on, this would leak each row's own target into its feature,
 * so {@link Featurizer} replaces the training rows' values with out-of-fold ones (inner folds of
 * the training rows only); this transform's own statistics, from all training rows, serve the
 * validation rows and prediction.
 *
 * @param column the raw column
 * @param outputs the feature name suffixes, one per output
 * @param encodings each training level's encoded values, one per output
 * @param prior the training prior, one per output
 * @param missing the encoded values of missing cells, or null to use the prior
 */
public record TargetEncodingTransform(String column, List<String> outputs, Map<String, List<Double>> encodings,
        List<Double> prior, List<Double> missing) implements ColumnTransform {

    /** Copies in key order, so the JSON form is stable, and checks widths. */
    public TargetEncodingTransform {
        outputs = List.copyOf(outputs);
        prior = List.copyOf(prior);
        final int width = prior.size();
        missing = missing == null ? null : List.copyOf(missing);
        var sorted = new TreeMap<String, List<Double>>();
        encodings.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
        encodings = Collections.unmodifiableMap(sorted);
        if (prior.size() != outputs.size() || (missing != null && missing.size() != outputs.size())
                || encodings.values().stream().anyMatch(v -> v.size() != width)) {
            throw new IllegalArgumentException("target encoding of " + column + " needs " + outputs.size()
                    + " values per level, prior and missing");
        }
    }

    @Override
    public ColumnKind inputKind() {
        return null;
    }

    @Override
    public List<String> featureNames() {
        var names = new ArrayList<String>();
        outputs.forEach(o -> names.add(column + "__te" + o));
        return names;
    }

    @Override
    public void apply(Column input, double[][] out, int offset) {
        CategoricalColumn c = Categorical.of(input, column);
        int w = outputs.size();
        double[][] byCode = new double[c.levels().size()][];
        for (int code = 0; code < byCode.length; code++) {
            byCode[code] = toArray(encodings.getOrDefault(c.levels().get(code), prior));
        }
        double[] onMissing = toArray(missing != null ? missing : prior);
        int[] codes = c.codes();
        for (int i = 0; i < codes.length; i++) {
            System.arraycopy(codes[i] < 0 ? onMissing : byCode[codes[i]], 0, out[i], offset, w);
        }
    }

    private static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }
}
