package dev.quarry.automl.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** {@code search.sampler}: what proposes the next params. The {@code type} is what users write. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RandomSamplerSpec.class, name = "random"),
    @JsonSubTypes.Type(value = TpeSamplerSpec.class, name = "tpe"),
    @JsonSubTypes.Type(value = GpSamplerSpec.class, name = "gp"),
    @JsonSubTypes.Type(value = GridSamplerSpec.class, name = "grid")
})
public sealed interface SamplerSpec permits RandomSamplerSpec, TpeSamplerSpec, GpSamplerSpec, GridSamplerSpec {
}
