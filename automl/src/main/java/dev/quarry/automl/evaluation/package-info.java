/**
 * Scoring and validation: the metrics with their directions, and the train/validation splits
 * (k-fold, stratified k-fold, holdout). Pure functions of their inputs and seed.
 */
package dev.quarry.automl.evaluation;
