/**
 * Columnar in-memory tables (primitive arrays, dictionary-encoded strings), the prediction target
 * and the numeric feature matrix handed to learners.
 */
package dev.quarry.featurize.table;
