/**
 * The experiment loop and what it needs: resolving a config against the data and the learner
 * catalog, evaluating trials by cross-validation, deciding when to stop, refitting the winner and
 * writing it out. Reads top to bottom: config, {@link dev.quarry.automl.experiment.ResolvedExperiment},
 * sampler, trial task, executor, {@link dev.quarry.automl.experiment.CrossValidationEvaluator},
 * run store, leaderboard, refit, pipeline artifact.
 */
package dev.quarry.automl.experiment;
