package dev.quarry.featurize.transform;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.ColumnKind;
import java.util.List;

/** The fitted transform of one raw column into one or more numeric features. Immutable. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NumericTransform.class, name = "numeric"),
    @JsonSubTypes.Type(value = OneHotTransform.class, name = "one_hot"),
    @JsonSubTypes.Type(value = FrequencyTransform.class, name = "frequency"),
    @JsonSubTypes.Type(value = TargetEncodingTransform.class, name = "target_encoding"),
    @JsonSubTypes.Type(value = DatetimeTransform.class, name = "datetime"),
    @JsonSubTypes.Type(value = TextHashTransform.class, name = "text_hash")
})
public sealed interface ColumnTransform permits NumericTransform, OneHotTransform, FrequencyTransform,
        TargetEncodingTransform, DatetimeTransform, TextHashTransform {

    /** @return the raw column it reads */
    String column();

    /** @return the names of the features it writes, in order */
    List<String> featureNames();

    /** @return the storage its input must have, or null if it takes either (categories of numbers or text) */
    ColumnKind inputKind();

    /**
     * Writes this transform's features for every row.
     *
     * @param input the raw column (of the kind the transform was fitted on)
     * @param out the output rows
     * @param offset the index of this transform's first feature in each output row
     */
    void apply(Column input, double[][] out, int offset);
}
