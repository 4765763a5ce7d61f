package dev.quarry.automl.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads experiment configs. Strict: unknown keys, keys written twice, wrong types, unknown
 * {@code type} ids, a second document and impossible values all fail before any work starts, with a
 * {@link ConfigException} naming the file, the JSON path and what was expected.
 *
 * <p>No coercion between scalars: {@code maxTrials: "10"} and {@code maxTrials: 2.5} are errors, as is
 * {@code stratified: 1}. The other way round is allowed, because column and learner names may look like
 * numbers: {@code target: 1} reads as the string "1". YAML 1.1 spellings of booleans ({@code yes}, {@code on})
 * are read as booleans by the YAML parser. Stateless and thread-safe.
 */
public final class ConfigLoader {

    /** The formats a config may be written in. */
    public enum Format {
        /** YAML 1.1 (a superset of JSON in practice). */
        YAML,
        /** JSON. */
        JSON
    }

    /** The name of an experiment whose source gives no usable one. */
    static final String FALLBACK_NAME = "experiment";

    private static final ObjectMapper YAML_MAPPER = configure(YAMLMapper.builder());
    private static final ObjectMapper JSON_MAPPER = configure(JsonMapper.builder());

    private ConfigLoader() {
    }

    private static ObjectMapper configure(MapperBuilder<?, ?> builder) {
        return builder.addModule(new ConfigJacksonModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // Caught while reading, where the parser still knows the line and the path.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    /**
     * @param file a {@code .yaml}, {@code .yml} or {@code .json} file (other names are read as YAML)
     * @return the validated config, data paths resolved against the file's folder; named after the
     *     file's stem if it gives no name
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
        return parse(text, format, file.toAbsolutePath().getParent(), source);
    }

    /**
     * For configs that come from somewhere other than a file, e.g. an HTTP request body.
     *
     * @param text the config
     * @param format its format
     * @param baseDir the folder relative data paths resolve against
     * @param sourceName a name for messages (e.g. "request"); its stem is the default experiment name
     * @return the validated config
     * @throws ConfigException on any problem
     */
    public static ExperimentConfig parse(String text, Format format, Path baseDir, String sourceName) {
        return parse(text, format, baseDir, sourceName, defaultName(sourceName));
    }

    /**
     * @param text the config
     * @param format its format
     * @param baseDir the folder relative data paths resolve against
     * @param source a name for messages (the file name, or e.g. "request")
     * @param defaultName the experiment name if the config gives none; null to require one
     * @return the validated config
     * @throws ConfigException on any problem
     */
    public static ExperimentConfig parse(String text, Format format, Path baseDir, String source, String defaultName) {
        Objects.requireNonNull(baseDir, "baseDir");
        ObjectMapper mapper = format == Format.JSON ? JSON_MAPPER : YAML_MAPPER;
        JsonNode tree = readTree(mapper, text, source);
        KnownKeys.check(tree, ExperimentConfig.class, "$", source);
        if (!tree.has("name") && defaultName != null && !defaultName.isEmpty()) {
            ((ObjectNode) tree).put("name", defaultName);
        }
        try {
            return mapper.treeToValue(tree, ExperimentConfig.class).resolvedAgainst(baseDir);
        } catch (JsonMappingException e) {
            throw BindingErrors.binding(e, tree, source);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, null, String.valueOf(e.getOriginalMessage()));
        }
    }

    /**
     * @param config a config
     * @return it as pretty JSON with a stable key order (the records' component order; durations
     *     ISO-8601, paths as strings, the task lower-case); {@link #parse} reads it back to an equal config
     */
    public static String toJson(ExperimentConfig config) {
        try {
            return JSON_MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stem of a file name, made into a valid experiment name. */
    static String defaultName(String source) {
        if (source == null) {
            return FALLBACK_NAME;
        }
        String stem = source.contains(".") ? source.substring(0, source.lastIndexOf('.')) : source;
        stem = stem.replaceAll("[^A-Za-z0-9._-]", "-");
        stem = stem.length() > ExperimentConfig.MAX_NAME_LENGTH ? stem.substring(0, ExperimentConfig.MAX_NAME_LENGTH) : stem;
        return stem.isEmpty() ? FALLBACK_NAME : stem;
    }

    /** One document holding one mapping, or a ConfigException. */
    private static JsonNode readTree(ObjectMapper mapper, String text, String source) {
        JsonNode tree;
        try (JsonParser parser = mapper.createParser(text)) {
            // Trailing content is checked below rather than by Jackson, to report where it starts.
            tree = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(parser);
            if (tree != null && !tree.isMissingNode() && parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new ConfigException(source, null, "expected one document, got more content at line "
                        + at.getLineNr() + ", column " + at.getColumnNr());
            }
        } catch (JsonParseException e) {
            throw BindingErrors.syntax(e, source);
        } catch (JsonMappingException e) {
            throw BindingErrors.binding(e, null, source);
        } catch (IOException e) {
            throw new ConfigException(source, null, "cannot read the config: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(source, "$", "expected a mapping with at least data and budget, got an empty config");
        }
        if (!tree.isObject()) {
            throw new ConfigException(source, "$", "expected a mapping of keys to values, got "
                    + (tree.isArray() ? "a list" : BindingErrors.describe(tree)));
        }
        return tree;
    }
}
