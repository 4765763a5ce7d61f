/**
 * Trials on other JVMs, possibly on other machines, over Vert.x's clustered event bus with the
 * Hazelcast cluster manager: the coordinator's executor ({@link dev.quarry.runner.cluster.ClusterTrialExecutor}),
 * the worker that joins it ({@link dev.quarry.runner.cluster.ClusterWorker}) and the cluster node both
 * start ({@link dev.quarry.runner.cluster.ClusterNode}: TCP-IP join with an explicit member list,
 * multicast off). The only package that imports {@code io.vertx.core.eventbus}.
 *
 * <p>Long work is never a request/reply: trials go out fire-and-forget, results and heartbeats come
 * back as messages of their own, and a worker that stops beating or leaves the cluster has its trials
 * queued again.
 */
package dev.quarry.runner.cluster;
