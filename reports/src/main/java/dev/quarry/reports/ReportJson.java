package dev.quarry.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.reports.model.ExperimentReport;
import dev.quarry.reports.model.WorkspaceIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reports and indexes as JSON: the content the HTML pages draw, for scripts. Numbers that do not
 * exist are {@code null}, never NaN.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {
    }

    /**
     * @param value an {@link ExperimentReport} or a {@link WorkspaceIndex}
     * @param pretty whether to indent
     * @return its JSON
     */
    public static String toJson(Object value, boolean pretty) {
        try {
            return pretty ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value)
                    : MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param json a report's JSON, as {@link #toJson} wrote it
     * @return the report
     * @throws IllegalArgumentException if it is not a report
     */
    public static ExperimentReport readReport(String json) {
        try {
            return MAPPER.readValue(json, ExperimentReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Quarry report: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes text to a file atomically (a temporary file beside it, then a rename), so a browser or a
     * reader never sees half a report while the experiment rewrites it.
     *
     * @param file the target, replaced if present
     * @param text its content
     */
    public static void writeAtomically(Path file, String text) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
