/**
 * Scoring and validation: the metrics with their ids, directions and tasks ({@link
 * dev.quarry.automl.evaluation.Metric}); train/validation splits (k-fold, stratified k-fold, holdout,
 * stratified holdout: {@link dev.quarry.automl.evaluation.Splits}); and the gathering of per-fold
 * predictions into out-of-fold predictions over every row ({@link dev.quarry.automl.evaluation.OutOfFold}).
 *
 * <p>Everything here is a pure function of its inputs and seed; nothing fits a model or reads a file.
 */
package dev.quarry.automl.evaluation;
