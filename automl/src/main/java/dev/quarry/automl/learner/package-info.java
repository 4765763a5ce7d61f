/**
 * The learner catalog: each {@link dev.quarry.automl.learner.Learner} wraps one Smile or Tribuo
 * algorithm behind a typed search space, and is found through {@link java.util.ServiceLoader}.
 * Hyperparameters reach the library through explicit typed setters, never free-form string keys.
 */
package dev.quarry.automl.learner;
