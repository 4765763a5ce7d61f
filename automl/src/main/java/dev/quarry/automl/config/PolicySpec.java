package dev.quarry.automl.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * {@code search.policy}: early termination after each observation (needs a scheduler, whose rungs
 * are the policy's intervals). Semantics are those of Azure HyperDrive, stated exactly in
 * {@code dev.quarry.search.scheduler}'s policies.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NoPolicySpec.class, name = "none"),
    @JsonSubTypes.Type(value = BanditPolicySpec.class, name = "bandit"),
    @JsonSubTypes.Type(value = MedianPolicySpec.class, name = "median"),
    @JsonSubTypes.Type(value = TruncationPolicySpec.class, name = "truncation")
})
public sealed interface PolicySpec permits NoPolicySpec, BanditPolicySpec, MedianPolicySpec, TruncationPolicySpec {
}
