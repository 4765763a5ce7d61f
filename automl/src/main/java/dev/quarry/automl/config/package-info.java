/**
 * The experiment config users write ({@code experiment.yaml} or {@code .json}): validated records,
 * each default defined once in its record's compact constructor, and a loader whose errors name the
 * file, the JSON path and what was expected. Nothing in here reads data or starts work.
 */
package dev.quarry.automl.config;
