package dev.quarry.automl.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Turns Jackson's exceptions into {@link ConfigException}s that read
 * {@code <file>: <path>: expected <what>, got <what was found>}. The value found is taken from the
 * config tree at the failing path, so the message shows what the user wrote rather than Jackson's
 * account of its own types.
 */
final class BindingErrors {

    private static final String DUPLICATE = "Duplicate field '";

    private BindingErrors() {
    }

    /**
     * @param e a failure to read the text (YAML/JSON syntax, or a key written twice in one mapping)
     * @param source the file name
     * @return the error, with line and column
     */
    static ConfigException syntax(JsonParseException e, String source) {
        String original = String.valueOf(e.getOriginalMessage()).strip();
        String at = at(e.getLocation());
        if (original.startsWith(DUPLICATE)) {
            String key = original.substring(DUPLICATE.length(), original.indexOf('\'', DUPLICATE.length()));
            String path = e.getProcessor() == null ? null : path(e.getProcessor().getParsingContext());
            return new ConfigException(source, path, "expected each key once per mapping, got '" + key + "' again " + at);
        }
        return new ConfigException(source, null, "syntax error " + at + ": " + original);
    }

    /**
     * @param e a failure to bind the tree to the config records
     * @param tree the tree being bound, to report the value found
     * @param source the file name
     * @return the error, naming the JSON path
     */
    static ConfigException binding(JsonMappingException e, JsonNode tree, String source) {
        String path = path(e.getPath());
        JsonNode found = find(tree, e.getPath());
        InvalidValueException invalid = cause(e, InvalidValueException.class);
        if (e instanceof InvalidTypeIdException typeId) {
            return unknownTypeId(typeId, found, path, source);
        }
        if (invalid != null) {
            return new ConfigException(source, invalid.key() == null ? path : path + "." + invalid.key(),
                    invalid.getMessage());
        }
        if (e instanceof ValueInstantiationException) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new ConfigException(source, path, String.valueOf(root.getMessage()));
        }
        InputCoercionException range = cause(e, InputCoercionException.class);
        if (range != null) {
            boolean isInt = range.getTargetType() == Integer.class || range.getTargetType() == int.class;
            return new ConfigException(source, path, "expected an integer from "
                    + (isInt ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : Long.MIN_VALUE + " to " + Long.MAX_VALUE)
                    + ", got " + describe(found));
        }
        if (e instanceof InvalidFormatException format
                && (format.getTargetType() == Duration.class || format.getTargetType() == Path.class)) {
            // Our own deserializers already wrote "expected ..., got ...".
            return new ConfigException(source, path, format.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new ConfigException(source, path, "expected " + expected(mismatch.getTargetType()) + ", got "
                    + describe(found));
        }
        return new ConfigException(source, path, String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
    }

    private static ConfigException unknownTypeId(InvalidTypeIdException e, JsonNode found, String path, String source) {
        JsonSubTypes subtypes = e.getBaseType().getRawClass().getAnnotation(JsonSubTypes.class);
        List<String> ids = subtypes == null ? List.of()
                : Arrays.stream(subtypes.value()).map(JsonSubTypes.Type::name).toList();
        JsonNode given = found == null ? null : found.get("type");
        String message = "expected `type` to be one of " + String.join(", ", ids) + ", got "
                + (given == null ? "no type" : describe(given));
        String suggestion = given != null && given.isTextual() ? KnownKeys.closest(given.asText(), ids) : null;
        return new ConfigException(source, path + ".type", message + (suggestion == null ? "" : "; did you mean "
                + suggestion + "?"));
    }

    /** What a type is, in the words of the config's reference. */
    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Character.class || type == char.class) {
            return "a single character";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Duration.class) {
            return "a duration such as 500ms, 30s, 10m, 1h30m or PT10M";
        }
        if (type == Path.class) {
            return "a file path";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList());
        }
        return "a mapping";
    }

    /** A value as the user wrote it: strings quoted, containers by kind. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }

    private static String at(JsonLocation location) {
        return location == null ? "at an unknown place"
                : "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        var out = new StringBuilder("$");
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                out.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        return "$" + String.join("", parts);
    }

    private static JsonNode find(JsonNode tree, List<JsonMappingException.Reference> references) {
        JsonNode node = tree;
        for (JsonMappingException.Reference r : references) {
            if (node == null) {
                return null;
            }
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        return node;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
