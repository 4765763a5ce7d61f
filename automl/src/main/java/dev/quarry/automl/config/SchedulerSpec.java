package dev.quarry.automl.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * {@code search.scheduler}: how much resource each trial gets. The resource is a share of the full
 * one in (0, 1]: of the training rows of each fold, or of the iterations (trees, epochs) for learners
 * that declare the {@code ITERATIVE} capability (see {@link ResourceKind}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NoSchedulerSpec.class, name = "none"),
    @JsonSubTypes.Type(value = AshaSpec.class, name = "asha"),
    @JsonSubTypes.Type(value = HyperbandSpec.class, name = "hyperband"),
    @JsonSubTypes.Type(value = SuccessiveHalvingSpec.class, name = "successive_halving")
})
public sealed interface SchedulerSpec permits NoSchedulerSpec, AshaSpec, HyperbandSpec, SuccessiveHalvingSpec {

    /** @return what the resource share scales; AUTO without a scheduler (nothing is scaled then) */
    default ResourceKind resourceKind() {
        return switch (this) {
            case NoSchedulerSpec n -> ResourceKind.AUTO;
            case AshaSpec a -> a.resource();
            case HyperbandSpec h -> h.resource();
            case SuccessiveHalvingSpec s -> s.resource();
        };
    }

    /** What a trial's resource share scales. */
    enum ResourceKind {
        /** Iterations for iterative learners, training rows for the others. */
        @JsonProperty("auto") AUTO,
        /** Always the share of each fold's training rows. */
        @JsonProperty("rows") ROWS,
        /** The share of iterations; learners without an iterations hyperparameter get all rows. */
        @JsonProperty("iterations") ITERATIONS
    }
}
