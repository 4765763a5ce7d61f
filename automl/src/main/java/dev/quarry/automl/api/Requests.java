package dev.quarry.automl.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.Set;

/** Reads JSON request bodies strictly: malformed JSON, trailing content and unknown keys are 400s naming where. */
final class Requests {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private Requests() {
    }

    /**
     * @param ctx a request with a body
     * @return the body as JSON
     * @throws ApiException 400 if it is not JSON
     */
    static JsonNode json(RoutingContext ctx) {
        String text = ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("invalid_json", "expected a JSON body, got nothing", "$");
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw ApiException.badRequest("invalid_json", "the body is not valid JSON" + (at == null ? "" : " (line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": " + e.getOriginalMessage(), "$");
        }
    }

    /**
     * @param body a JSON object
     * @param known the keys allowed
     * @throws ApiException 400 naming the first key not allowed, or if the body is not an object
     */
    static void keys(JsonNode body, Set<String> known) {
        if (!body.isObject()) {
            throw ApiException.badRequest("invalid_json", "expected a JSON object, got " + ScoringRows.describe(body), "$");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiException.badRequest("invalid_json", "unknown key '" + name + "'; valid keys: "
                        + String.join(", ", known.stream().sorted().toList()), "$." + name);
            }
        }
    }

    /** A string member, or null if absent; 400 if present and not a string. */
    static String text(JsonNode body, String key) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("invalid_json", "expected a string, got " + ScoringRows.describe(v), "$." + key);
        }
        return v.asText();
    }
}
