/**
 * The experiment config users write ({@code experiment.yaml} or {@code .json}): validated records,
 * each default defined once in its record's compact constructor, and a loader whose errors name the
 * file, the JSON path and what was expected. {@link dev.quarry.automl.config.ConfigLoader} is the entry
 * point; {@code KnownKeys} checks keys against the records before binding, {@code BindingErrors} words
 * Jackson's failures, {@code ConfigJacksonModule} reads durations, paths and the task. Nothing in here
 * reads data or starts work; names of metrics and learners are checked later, against the task and catalog.
 */
package dev.quarry.automl.config;
