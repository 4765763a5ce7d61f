package dev.quarry.automl.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.quarry.featurize.table.Task;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * How the config's non-record values are read and written: durations as users write them and as
 * ISO-8601, paths as strings, and the task by its lower-case name (what users write, so a recorded
 * config reads like the one they wrote). Reading the task is case-insensitive through the mapper.
 */
final class ConfigJacksonModule extends SimpleModule {

    ConfigJacksonModule() {
        super("quarry-config");
        addDeserializer(Duration.class, new DurationDeserializer());
        addSerializer(Duration.class, new StringSerializer<>(Duration.class, Duration::toString));
        addDeserializer(Path.class, new PathDeserializer());
        addSerializer(Path.class, new StringSerializer<>(Path.class, Path::toString));
        addSerializer(Task.class, new StringSerializer<>(Task.class, t -> t.name().toLowerCase(Locale.ROOT)));
    }

    /** A number of seconds, or a string {@link Durations#parse} accepts. */
    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT
                    && token != JsonToken.VALUE_STRING) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            String text = p.getText();
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
            }
        }
    }

    /** Paths kept as written; relative ones are resolved later against the config's folder. */
    private static final class PathDeserializer extends JsonDeserializer<Path> {
        @Override
        public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Path) ctxt.handleUnexpectedToken(Path.class, p);
            }
            String text = p.getText();
            if (text.isBlank()) {
                throw InvalidFormatException.from(p, "expected a file path, got an empty string", text, Path.class);
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw InvalidFormatException.from(p, "expected a file path, got \"" + text + "\" (" + e.getReason() + ")",
                        text, Path.class);
            }
        }
    }

    private static final class StringSerializer<T> extends JsonSerializer<T> {
        private final Class<T> type;
        private final java.util.function.Function<T, String> toText;

        StringSerializer(Class<T> type, java.util.function.Function<T, String> toText) {
            this.type = type;
            this.toText = toText;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(toText.apply(value));
        }

        @Override
        public Class<T> handledType() {
            return type;
        }
    }
}
