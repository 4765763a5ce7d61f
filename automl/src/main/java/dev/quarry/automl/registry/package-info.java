/**
 * The model registry: named, versioned copies of experiment models with their lineage (experiment,
 * child run, dataset hash, config), metrics, tags and framework versions, kept in the workspace's
 * SQLite database ({@code registered_models}) and folder ({@code registry/<name>/<version>/model}),
 * so a registered model outlives the experiment it came from. Used by {@code quarry model} and the
 * HTTP API.
 */
package dev.quarry.automl.registry;
