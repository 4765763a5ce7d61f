/**
 * Quarry's data side: columnar tables, CSV reading, column typing, the prediction target, and fitted
 * transforms that turn a raw table into a numeric feature matrix.
 *
 * <p>No machine-learning library and no Vert.x: learners see only the
 * {@link dev.quarry.featurize.table.FeatureMatrix} this module produces.
 */
package dev.quarry.featurize;
