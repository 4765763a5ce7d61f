package dev.quarry.automl.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** {@code executor}: where trials run. The {@code type} is what users write. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = LocalExecutorSpec.class, name = "local"),
        @JsonSubTypes.Type(value = ProcessExecutorSpec.class, name = "process"),
        @JsonSubTypes.Type(value = ClusterExecutorSpec.class, name = "cluster")})
public sealed interface ExecutorSpec permits LocalExecutorSpec, ProcessExecutorSpec, ClusterExecutorSpec {
}
