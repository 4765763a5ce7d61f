package dev.quarry.featurize.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quarry.featurize.DataException;
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.featurize.table.FeatureMatrix;
import dev.quarry.featurize.table.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A featurizer fitted on training rows: raw table in, finite numeric features out. Immutable and
 * thread-safe; deterministic; {@link #write}/{@link #read} round-trips to bit-identical output.
 *
 * @param transforms one per kept column, in the training column order
 * @param inputKinds every training feature column and its kind, in order (dropped ones included:
 *     prediction input must have the same columns)
 * @param standardization applied to the output features after the transforms, or null
 */
public record FittedFeaturizer(List<ColumnTransform> transforms, Map<String, ColumnKind> inputKinds,
        Standardization standardization) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Validates and copies, keeping order.
     *
     * @throws IllegalArgumentException if a transform reads a column that is not an input, or one of
     *     the other kind
     */
    public FittedFeaturizer {
        if (transforms == null || inputKinds == null) {
            throw new IllegalArgumentException("a fitted featurizer needs transforms and inputKinds, got "
                    + (transforms == null ? "no transforms" : "no inputKinds"));
        }
        transforms = List.copyOf(transforms);
        inputKinds = Collections.unmodifiableMap(new LinkedHashMap<>(inputKinds));
        int width = 0;
        for (ColumnTransform t : transforms) {
            ColumnKind expected = t.inputKind();
            ColumnKind declared = inputKinds.get(t.column());
            if (declared == null || (expected != null && declared != expected)) {
                throw new IllegalArgumentException("transform of column '" + t.column() + "' needs a "
                        + (expected == null ? "" : expected + " ") + "input, but inputKinds says " + declared);
            }
            width += t.featureNames().size();
        }
        if (standardization != null && standardization.means().size() != width) {
            throw new IllegalArgumentException("standardization has " + standardization.means().size()
                    + " features, the transforms write " + width);
        }
    }

    /**
     * @param transforms one per kept column
     * @param inputKinds every training feature column and its kind
     */
    public FittedFeaturizer(List<ColumnTransform> transforms, Map<String, ColumnKind> inputKinds) {
        this(transforms, inputKinds, null);
    }

    /** @return the output feature names, in order */
    public List<String> featureNames() {
        var names = new ArrayList<String>();
        transforms.forEach(t -> names.addAll(t.featureNames()));
        return names;
    }

    /**
     * @param table rows with every input column; extra columns (the target, ids) are ignored
     * @return their features
     * @throws DataException naming any missing input column
     */
    public FeatureMatrix transform(Table table) {
        FeatureMatrix m = unscaled(table);
        if (standardization != null) {
            standardization.apply(m.rows());
        }
        return m;
    }

    /** The transforms' output before standardization. */
    FeatureMatrix unscaled(Table table) {
        var missing = inputKinds.keySet().stream().filter(c -> !table.has(c)).toList();
        if (!missing.isEmpty()) {
            throw new DataException("missing feature column" + (missing.size() > 1 ? "s: " : ": ") + String.join(", ", missing));
        }
        List<String> names = featureNames();
        double[][] rows = new double[table.rowCount()][names.size()];
        int offset = 0;
        for (ColumnTransform t : transforms) {
            t.apply(table.column(t.column()), rows, offset);
            offset += t.featureNames().size();
        }
        return new FeatureMatrix(rows, names);
    }

    /**
     * @param file where to write the JSON form
     */
    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file a file written by {@link #write}
     * @return the featurizer
     * @throws DataException if the file is not a featurizer's JSON form
     * @throws UncheckedIOException if it cannot be read
     */
    public static FittedFeaturizer read(Path file) {
        try {
            return JSON.readValue(file.toFile(), FittedFeaturizer.class);
        } catch (JsonProcessingException e) {
            throw new DataException(file + " is not a fitted featurizer: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read featurizer " + file + ": " + e.getMessage(), e);
        }
    }
}
