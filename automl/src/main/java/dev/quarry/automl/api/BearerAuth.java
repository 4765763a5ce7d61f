package dev.quarry.automl.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.PrintStream;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}. A refused request is
 * answered 401 and logged (method, path, peer and why; never what was presented), so a client
 * with a missing or stale token never fails silently.
 */
final class BearerAuth implements Handler<RoutingContext> {

    private static final String PREFIX = "Bearer ";

    private final ApiToken token;
    private final PrintStream log;

    BearerAuth(ApiToken token, PrintStream log) {
        this.token = token;
        this.log = log;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String why = null;
        if (header == null || header.length() < PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            why = "no bearer token";
        } else if (!token.matches(header.substring(PREFIX.length()).strip())) {
            why = "wrong bearer token";
        }
        if (why == null) {
            ctx.next();
            return;
        }
        log.println("quarry serve: 401 " + ctx.request().method() + " " + ctx.request().path() + " from "
                + ctx.request().remoteAddress() + ": " + why);
        ctx.fail(new ApiException(401, "unauthorized", why + "; send the header 'Authorization: Bearer <token>' with the token in "
                + token.file(), "Authorization"));
    }
}
