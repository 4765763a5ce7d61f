package dev.quarry.automl.config;

import dev.quarry.featurize.profile.ColumnOverride;
import dev.quarry.featurize.transform.CategoricalImputation;
import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.featurize.transform.HighCardinality;
import dev.quarry.featurize.transform.NumericImputation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code featurize}: how raw columns become features. Everything is detected when left out; column
 * names are checked against the data once it is read (an unknown one is an error naming it).
 *
 * @param columns forced column types: {@code numeric | categorical | boolean | datetime | text | id | ignore}
 * @param drop columns left out entirely (not required at prediction time)
 * @param maxOneHotLevels one-hot encode categorical columns with at most this many levels, in [2, 1000]; default 16
 * @param highCardinality {@code target} (out-of-fold target encoding, default) or {@code frequency} past that
 * @param numericImputation {@code median} (default) or {@code mean}
 * @param categoricalImputation {@code missing_level} (default) or {@code most_frequent}
 * @param textFeatures hashed word n-gram features per text column, in [0, 4096], 0 for none; default 32
 * @param search whether the choices that matter for the data are searched per learner, as conditional
 *     hyperparameters ({@code featurize_encoding}: target or frequency, when a column is past the
 *     one-hot limit; {@code featurize_text}: on or off, when there are text columns); default false
 */
public record FeaturizeConfig(Map<String, ColumnOverride> columns, List<String> drop, Integer maxOneHotLevels,
        HighCardinality highCardinality, NumericImputation numericImputation, CategoricalImputation categoricalImputation,
        Integer textFeatures, Boolean search) {

    /** Applies defaults and validates. */
    public FeaturizeConfig {
        columns = columns == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        for (var e : columns.entrySet()) {
            if (e.getValue() == null) {
                throw new InvalidValueException("columns." + e.getKey(),
                        "expected one of numeric, categorical, boolean, datetime, text, id, ignore, got null");
            }
        }
        drop = drop == null ? List.of() : drop;
        for (int i = 0; i < drop.size(); i++) {
            if (drop.get(i) == null || drop.get(i).isEmpty()) {
                throw new InvalidValueException("drop[" + i + "]", "expected a column name, got "
                        + (drop.get(i) == null ? "null" : "\"\""));
            }
        }
        drop = List.copyOf(drop);
        maxOneHotLevels = maxOneHotLevels == null ? FeaturizerSpec.DEFAULT_MAX_ONE_HOT : maxOneHotLevels;
        if (maxOneHotLevels < 2 || maxOneHotLevels > 1000) {
            throw new InvalidValueException("maxOneHotLevels", "`maxOneHotLevels` must be in [2, 1000], got " + maxOneHotLevels);
        }
        highCardinality = highCardinality == null ? HighCardinality.TARGET : highCardinality;
        numericImputation = numericImputation == null ? NumericImputation.MEDIAN : numericImputation;
        categoricalImputation = categoricalImputation == null ? CategoricalImputation.MISSING_LEVEL : categoricalImputation;
        textFeatures = textFeatures == null ? FeaturizerSpec.DEFAULT_TEXT_BUCKETS : textFeatures;
        if (textFeatures < 0 || textFeatures > 4096) {
            throw new InvalidValueException("textFeatures", "`textFeatures` must be in [0, 4096], got " + textFeatures);
        }
        search = search != null && search;
    }

    /** @return every key left to its default */
    public static FeaturizeConfig defaults() {
        return new FeaturizeConfig(null, null, null, null, null, null, null, null);
    }

    /**
     * @param seed the experiment seed (inner folds of target encoding)
     * @return the featurizer spec these settings give, without a profile and unscaled
     */
    public FeaturizerSpec spec(long seed) {
        return new FeaturizerSpec(false, maxOneHotLevels, highCardinality, numericImputation, categoricalImputation,
                FeaturizerSpec.DEFAULT_RARE_SHARE, textFeatures, FeaturizerSpec.DEFAULT_INNER_FOLDS, null, seed);
    }
}
