package dev.quarry.featurize.guardrails;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quarry.featurize.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Every guardrail check of an experiment, in a fixed order. Its JSON form is exactly
 * {@code {"checks":[{"check","status","columns","message","action"}]}}.
 *
 * @param checks the results
 */
public record GuardrailReport(List<GuardrailCheck> checks) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies. */
    public GuardrailReport {
        checks = List.copyOf(checks);
    }

    /**
     * @param id a check id
     * @return that check's result
     * @throws IllegalArgumentException if the report has none
     */
    public GuardrailCheck check(String id) {
        return checks.stream().filter(c -> c.check().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no guardrail check " + id));
    }

    /** @return the JSON form */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file where to write the JSON form
     */
    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file a file written by {@link #write}
     * @return the report
     * @throws DataException if it is not a guardrails report
     */
    public static GuardrailReport read(Path file) {
        try {
            return JSON.readValue(file.toFile(), GuardrailReport.class);
        } catch (JsonProcessingException e) {
            throw new DataException(file + " is not a guardrails report: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return one block per check, for a console */
    public String render() {
        var out = new StringBuilder("Data guardrails:\n");
        for (GuardrailCheck c : checks) {
            out.append(String.format(Locale.ROOT, "  %-8s %-20s %s%n", c.status(), c.check(), c.message()));
            if (c.status() != CheckStatus.PASSED) {
                out.append(String.format(Locale.ROOT, "  %-8s %-20s -> %s%n", "", "", c.action()));
            }
        }
        return out.toString();
    }
}
