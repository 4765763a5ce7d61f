package dev.quarry.automl.config;

/** {@code type: none}: every trial runs at the full resource (the default). */
public record NoSchedulerSpec() implements SchedulerSpec {
}
