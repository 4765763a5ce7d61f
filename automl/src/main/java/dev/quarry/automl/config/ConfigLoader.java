package dev.quarry.automl.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

/**
 * Reads experiment configs. Strict: unknown keys, wrong types, unknown {@code type} ids, trailing
 * content and impossible values all fail, before any work starts, with a {@link ConfigException}
 * naming the file, the JSON path and what was expected. Strings are not coerced to numbers.
 */
public final class ConfigLoader {

    /** The formats a config may be written in. */
    public enum Format {
        /** YAML 1.1 (a superset of JSON in practice). */
        YAML,
        /** JSON. */
        JSON
    }

    private static final ObjectMapper YAML_MAPPER = configure(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON_MAPPER = configure(JsonMapper.builder().build());

    private ConfigLoader() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        var module = new SimpleModule("quarry-config");
        module.addDeserializer(Duration.class, new DurationDeserializer());
        module.addSerializer(Duration.class, new ToStringSerializer<>(Duration.class));
        module.addDeserializer(Path.class, new PathDeserializer());
        module.addSerializer(Path.class, new ToStringSerializer<>(Path.class));
        mapper.registerModule(module);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.enable(SerializationFeature.INDENT_OUTPUT);
        return mapper;
    }

    /**
     * @param file a {@code .yaml}, {@code .yml} or {@code .json} file (other names are read as YAML)
     * @return the validated config, data paths resolved against the file's folder
     * @throws ConfigException on any problem, naming the file and the JSON path
     */
    public static ExperimentConfig load(Path file) {
        String source = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, null, "config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException(source, null, "cannot read " + file + ": " + e.getMessage());
        }
        Format format = source.toLowerCase(Locale.ROOT).endsWith(".json") ? Format.JSON : Format.YAML;
        String stem = source.contains(".") ? source.substring(0, source.lastIndexOf('.')) : source;
        Path base = file.toAbsolutePath().getParent();
        return parse(text, format, base, source, stem.replaceAll("[^A-Za-z0-9._-]", "-"));
    }

    /**
     * @param text the config
     * @param format its format
     * @param baseDir the folder relative data paths resolve against
     * @param source a name for messages (the file name, or e.g. "request")
     * @param defaultName the experiment name if the config gives none
     * @return the validated config
     * @throws ConfigException on any problem
     */
    public static ExperimentConfig parse(String text, Format format, Path baseDir, String source, String defaultName) {
        ObjectMapper mapper = format == Format.JSON ? JSON_MAPPER : YAML_MAPPER;
        try {
            JsonNode tree = mapper.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new ConfigException(source, "$", "the config is empty; expected a mapping with at least data and budget");
            }
            if (!tree.isObject()) {
                throw new ConfigException(source, "$", "expected a mapping of keys to values, got " + tree.getNodeType()
                        .name().toLowerCase(Locale.ROOT));
            }
            KnownKeys.check(tree, ExperimentConfig.class, "$", source);
            if (!tree.has("name") && defaultName != null && !defaultName.isEmpty()) {
                ((ObjectNode) tree).put("name", defaultName);
            }
            return mapper.treeToValue(tree, ExperimentConfig.class).resolvedAgainst(baseDir);
        } catch (ConfigException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw translate(e, source);
        } catch (IllegalArgumentException e) {
            throw translate(e, source);
        }
    }

    /**
     * @param config a config
     * @return it as pretty JSON with a stable key order (durations ISO-8601, paths as strings);
     *     {@link #parse} reads it back to an equal config
     */
    public static String toJson(ExperimentConfig config) {
        try {
            return JSON_MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConfigException translate(Exception e, String source) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof InvalidValueException)) {
            cause = cause.getCause();
        }
        if (!(e instanceof JsonMappingException mapping)) {
            if (e instanceof com.fasterxml.jackson.core.JsonParseException parse) {
                var loc = parse.getLocation();
                return new ConfigException(source, null, "syntax error at line " + loc.getLineNr() + ", column "
                        + loc.getColumnNr() + ": " + parse.getOriginalMessage());
            }
            if (cause instanceof InvalidValueException invalid) {
                return new ConfigException(source, "$" + (invalid.key() == null ? "" : "." + invalid.key()), invalid.getMessage());
            }
            return new ConfigException(source, null, String.valueOf(e.getMessage()));
        }
        String path = path(mapping);
        if (e instanceof InvalidTypeIdException typeId) {
            String base = typeId.getBaseType().getRawClass().getSimpleName();
            String ids = switch (base) {
                case "ValidationSpec" -> "auto, kfold, holdout";
                case "SamplerSpec" -> "random, tpe";
                case "ExecutorSpec" -> "local";
                default -> "see the README";
            };
            String given = typeId.getTypeId() == null ? "no type" : "'" + typeId.getTypeId() + "'";
            return new ConfigException(source, path + ".type", "expected one of " + ids + ", got " + given);
        }
        if (cause instanceof InvalidValueException invalid) {
            return new ConfigException(source, path + (invalid.key() == null ? "" : "." + invalid.key()), invalid.getMessage());
        }
        if (e instanceof ValueInstantiationException) {
            return new ConfigException(source, path, String.valueOf(cause.getMessage()));
        }
        if (e instanceof MismatchedInputException mismatch) {
            String expected = mismatch.getTargetType() == null ? "another type" : describe(mismatch.getTargetType());
            return new ConfigException(source, path, "expected " + expected + " (" + firstLine(mismatch.getOriginalMessage()) + ")");
        }
        return new ConfigException(source, path, firstLine(mapping.getOriginalMessage()));
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Duration.class) {
            return "a duration such as 30s, 10m or PT10M";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT)).toList();
        }
        return "a mapping (" + type.getSimpleName() + ")";
    }

    private static String path(JsonMappingException e) {
        var out = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** Durations as users write them: a number of seconds or a string such as 30s, 10m, PT10M. */
    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text;
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                text = p.getText();
            } else if (p.currentToken() == JsonToken.VALUE_STRING) {
                text = p.getText();
            } else {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
            }
        }
    }

    /** Paths from strings, kept as written; relative ones are resolved later against the config's folder. */
    private static final class PathDeserializer extends JsonDeserializer<Path> {
        @Override
        public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING || p.getText().isBlank()) {
                return (Path) ctxt.handleUnexpectedToken(Path.class, p);
            }
            return Path.of(p.getText());
        }
    }

    private static final class ToStringSerializer<T> extends JsonSerializer<T> {
        private final Class<T> type;

        ToStringSerializer(Class<T> type) {
            this.type = type;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }

        @Override
        public Class<T> handledType() {
            return type;
        }
    }
}
