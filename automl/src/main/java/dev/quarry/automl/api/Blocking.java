package dev.quarry.automl.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * Runs a handler's blocking part (SQLite, files, fitting, scoring) on Vert.x's worker pool and
 * answers with its result as JSON, or fails the request with what it threw, so the event loop
 * never waits. Unordered: requests do not queue behind each other.
 */
final class Blocking {

    private final Vertx vertx;

    Blocking(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * @param ctx the request
     * @param status the status of a successful answer
     * @param work returns the JSON body
     */
    void json(RoutingContext ctx, int status, Callable<Object> work) {
        vertx.executeBlocking(work, false).onSuccess(body -> Replies.json(ctx, status, body)).onFailure(ctx::fail);
    }

    /**
     * @param work what to run
     * @param <T> its result
     * @return its result, on the event loop
     */
    <T> io.vertx.core.Future<T> run(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }
}
