/**
 * Quarry's composition root: experiment config, the learner catalog (Smile and Tribuo adapters),
 * evaluation and metrics, the experiment loop, pipeline artifacts and the command line.
 */
package dev.quarry.automl;
