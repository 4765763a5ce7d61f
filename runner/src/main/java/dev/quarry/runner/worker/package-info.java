/**
 * The worker side of out-of-process execution, shared by every remote executor: the messages a
 * coordinator and a worker exchange ({@link dev.quarry.runner.worker.WorkerMessage}, one JSON object
 * each), the loop a worker process runs ({@link dev.quarry.runner.worker.WorkerLoop}), and the hook
 * through which the composition root turns a setup text into the evaluator that does the work
 * ({@link dev.quarry.runner.worker.WorkerSetup}). Knows no transport beyond text lines.
 */
package dev.quarry.runner.worker;
