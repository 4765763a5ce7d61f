package dev.quarry.automl.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** {@code validation}: how trials are scored. The {@code type} is what users write. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AutoValidation.class, name = "auto"),
    @JsonSubTypes.Type(value = KFoldValidation.class, name = "kfold"),
    @JsonSubTypes.Type(value = HoldoutValidation.class, name = "holdout"),
    @JsonSubTypes.Type(value = GroupKFoldValidation.class, name = "group"),
    @JsonSubTypes.Type(value = TimeSplitValidation.class, name = "time")
})
public sealed interface ValidationSpec
        permits AutoValidation, KFoldValidation, HoldoutValidation, GroupKFoldValidation, TimeSplitValidation {
}
