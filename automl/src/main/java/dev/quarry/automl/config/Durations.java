package dev.quarry.automl.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations users write: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h30m}, ISO-8601 {@code PT10M}, or seconds. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @param text the duration as written
     * @return the duration, positive
     * @throws IllegalArgumentException stating the accepted forms
     */
    public static Duration parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        Duration d = null;
        if (s.startsWith("p")) {
            try {
                d = Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                d = null;
            }
        } else if (s.matches("\\d+(\\.\\d+)?")) {
            d = ofSeconds(Double.parseDouble(s));
        } else if (!s.isEmpty()) {
            Matcher m = PART.matcher(s);
            int end = 0;
            d = Duration.ZERO;
            while (m.find() && m.start() == end) {
                double v = Double.parseDouble(m.group(1));
                d = d.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofNanos(Math.round(v * 1e6));
                    case "s" -> ofSeconds(v);
                    case "m" -> ofSeconds(v * 60);
                    case "h" -> ofSeconds(v * 3600);
                    default -> ofSeconds(v * 86400);
                });
                end = m.end();
            }
            if (end != s.length()) {
                d = null;
            }
        }
        if (d == null || !d.isPositive()) {
            throw new IllegalArgumentException("expected a positive duration such as 500ms, 30s, 10m, 1h30m or PT10M, got \""
                    + text + "\"");
        }
        return d;
    }

    private static Duration ofSeconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
