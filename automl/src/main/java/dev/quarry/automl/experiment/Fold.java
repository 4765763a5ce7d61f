package dev.quarry.automl.experiment;

import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Target;

/**
 * One train/validation split of an experiment's data, materialised once and shared by all trials.
 *
 * @param trainFeatures raw feature columns of the training rows
 * @param trainTarget their target
 * @param testFeatures raw feature columns of the validation rows
 * @param testTarget their target, with the training class indices
 */
public record Fold(Table trainFeatures, Target trainTarget, Table testFeatures, Target testTarget) {
}
