/**
 * Trials in worker processes: separate JVMs on this machine, each with its own heap limit, fed one
 * trial at a time over their stdin and stdout ({@link dev.quarry.runner.worker.WorkerLoop}'s line
 * protocol). A trial that hangs or runs out of memory takes only its own JVM with it; the executor
 * kills or replaces that JVM and goes on.
 */
package dev.quarry.runner.process;
