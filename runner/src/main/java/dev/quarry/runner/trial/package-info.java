/**
 * Trials on their way through an executor: the task handed out, the evaluator that does the work
 * on the worker side, the executor that schedules it on the coordinator side, and the result.
 */
package dev.quarry.runner.trial;
