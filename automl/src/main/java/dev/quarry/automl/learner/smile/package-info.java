/**
 * Learners backed by Smile (GPL-3.0): random forest, gradient tree boosting, logistic regression,
 * elastic net and CART. Smile's formula models take a {@code smile.data.DataFrame}; features are
 * passed as columns {@code x0..xN} and the target as {@code __y}.
 */
package dev.quarry.automl.learner.smile;
