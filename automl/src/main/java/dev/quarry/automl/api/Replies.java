package dev.quarry.automl.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes JSON responses and the one error shape. Called on the event loop.
 */
final class Replies {

    /** The mapper for every response body; NaN never reaches it (views write null instead). */
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Replies() {
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json(body));
    }

    /** The error body; {@code field} is present and null when no field is at fault. */
    static Map<String, Object> errorBody(String code, String message, String field) {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", code);
        error.put("message", message);
        error.put("field", field);
        return Map.of("error", error);
    }

    static void error(RoutingContext ctx, ApiException e) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // A stream already under way (events, a download) cannot change its status: cut it.
            response.reset();
            return;
        }
        if (e.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        json(ctx, e.status(), errorBody(e.code(), e.getMessage(), e.field()));
    }

    /**
     * The router's failure handler: an {@link ApiException} as it is, a status set by Vert.x (413
     * from a body limit, 400 from a malformed form) as its error, anything else as a 500 whose
     * stack trace goes to the log.
     */
    static void failure(RoutingContext ctx, PrintStream log) {
        Throwable t = ctx.failure();
        ApiException e;
        if (t instanceof ApiException a) {
            e = a;
        } else if (ctx.statusCode() == 413) {
            e = new ApiException(413, "payload_too_large", "the request body is larger than the server's limit", null);
        } else if (ctx.statusCode() == 404) {
            e = ApiException.notFound("no route " + ctx.request().method() + " " + ctx.request().path());
        } else if (ctx.statusCode() == 405) {
            e = new ApiException(405, "method_not_allowed", ctx.request().method() + " is not allowed on "
                    + ctx.request().path(), null);
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            e = new ApiException(ctx.statusCode(), "bad_request",
                    t != null && t.getMessage() != null ? t.getMessage() : "the request cannot be read", null);
        } else {
            log.println("quarry serve: internal error on " + ctx.request().method() + " " + ctx.request().path());
            if (t != null) {
                t.printStackTrace(log);
            }
            e = new ApiException(500, "internal", "internal error" + (t == null ? "" : ": " + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage())), null);
        }
        error(ctx, e);
    }
}
