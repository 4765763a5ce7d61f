package dev.quarry.automl.api;

import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code offset} and {@code limit} query parameters: offset from 0, limit 1 to {@value #MAX_LIMIT},
 * default {@value #DEFAULT_LIMIT}.
 *
 * @param offset items skipped
 * @param limit items at most
 */
record Paging(int offset, int limit) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    static Paging of(RoutingContext ctx) {
        return new Paging(parameter(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                parameter(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    private static int parameter(RoutingContext ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParams().get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw ApiException.badRequest("invalid_parameter", "`" + name + "` must be " + min + " to " + max + ", got " + v, name);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_parameter", "expected an integer for `" + name + "`, got '" + text + "'", name);
        }
    }

    /** A page of items: {@code items}, {@code offset}, {@code limit} and {@code total}. */
    <T> Map<String, Object> page(List<T> all) {
        var out = new LinkedHashMap<String, Object>();
        int from = Math.min(offset, all.size());
        out.put("items", all.subList(from, (int) Math.min((long) from + limit, all.size())));
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("total", all.size());
        return out;
    }
}
