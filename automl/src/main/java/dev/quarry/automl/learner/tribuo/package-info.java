/**
 * Learners backed by Tribuo (Apache-2.0): XGBoost, LIBLINEAR, linear SGD and k-nearest neighbours.
 * Features are passed as named dense examples; class labels travel as their class index, so
 * probabilities map back to Quarry's class order without name matching.
 */
package dev.quarry.automl.learner.tribuo;
