package dev.quarry.automl.config;

/** {@code type: none}: no early termination beyond the scheduler's (the default). */
public record NoPolicySpec() implements PolicySpec {
}
