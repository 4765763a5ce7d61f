package dev.quarry.featurize.profile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The date and time formats detected in text columns, tried in this order. Epoch numbers are never
 * guessed to be timestamps: a numeric column stays numeric unless converted before reading.
 */
public enum DatetimeFormat {
    /** {@code 2011-01-31}. */
    ISO_DATE("yyyy-MM-dd", true, false),
    /** {@code 2011-01-31 17:05} or {@code 2011-01-31 17:05:09}, optionally with fractions. */
    DATE_SPACE_TIME("yyyy-MM-dd HH:mm[:ss]", true, true),
    /** ISO-8601 date-time: {@code 2011-01-31T17:05:09}, optionally fractions and an offset or Z. */
    ISO_DATE_TIME("yyyy-MM-ddTHH:mm[:ss][offset]", true, true),
    /** US dates {@code 01/31/2011} (month first). */
    US_DATE("MM/dd/yyyy", true, false),
    /** US date-times {@code 01/31/2011 17:05[:09]}. */
    US_DATE_TIME("MM/dd/yyyy HH:mm[:ss]", true, true),
    /** A time of day {@code 17:05} or {@code 17:05:09}. */
    ISO_TIME("HH:mm[:ss]", false, true);

    private static final DateTimeFormatter DATE_SPACE = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("MM/dd/uuuu", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter US_TIME = new DateTimeFormatterBuilder().append(US).appendLiteral(' ')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private final String pattern;
    private final boolean hasDate;
    private final boolean hasTime;

    DatetimeFormat(String pattern, boolean hasDate, boolean hasTime) {
        this.pattern = pattern;
        this.hasDate = hasDate;
        this.hasTime = hasTime;
    }

    /** @return the pattern, for people */
    public String pattern() {
        return pattern;
    }

    /** @return whether values carry a calendar date */
    public boolean hasDate() {
        return hasDate;
    }

    /** @return whether values carry a time of day */
    public boolean hasTime() {
        return hasTime;
    }

    /**
     * @param text a cell, surrounding whitespace ignored
     * @return seconds since 1970-01-01T00:00 UTC (a time of day: seconds since midnight), or NaN if it
     *     does not parse in this format
     */
    public double parse(String text) {
        String s = text.strip();
        // A cheap shape check first: most cells of a non-date column fail here without an exception.
        if (s.length() < 5 || !Character.isDigit(s.charAt(0))) {
            return Double.NaN;
        }
        try {
            return switch (this) {
                case ISO_DATE -> s.length() == 10 ? LocalDate.parse(s).toEpochDay() * 86_400.0 : Double.NaN;
                case DATE_SPACE_TIME -> s.length() > 10 && s.charAt(10) == ' '
                        ? LocalDateTime.parse(s, DATE_SPACE).toEpochSecond(ZoneOffset.UTC) + fraction(s) : Double.NaN;
                case ISO_DATE_TIME -> s.length() > 10 && s.charAt(10) == 'T' ? isoDateTime(s) : Double.NaN;
                case US_DATE -> s.length() == 10 && s.charAt(2) == '/'
                        ? LocalDate.parse(s, US).toEpochDay() * 86_400.0 : Double.NaN;
                case US_DATE_TIME -> s.length() > 10 && s.charAt(2) == '/'
                        ? LocalDateTime.parse(s, US_TIME).toEpochSecond(ZoneOffset.UTC) : Double.NaN;
                case ISO_TIME -> s.charAt(2) == ':' ? LocalTime.parse(s).toSecondOfDay() + fraction(s) : Double.NaN;
            };
        } catch (DateTimeParseException e) {
            return Double.NaN;
        }
    }

    private static double isoDateTime(String s) {
        char last = s.charAt(s.length() - 1);
        boolean offset = last == 'Z' || s.indexOf('+', 11) > 0 || s.indexOf('-', 11) > 0;
        if (offset) {
            OffsetDateTime t = OffsetDateTime.parse(s);
            return t.toEpochSecond() + t.getNano() / 1e9;
        }
        LocalDateTime t = LocalDateTime.parse(s);
        return t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
    }

    private static double fraction(String s) {
        int dot = s.lastIndexOf('.');
        if (dot < 0) {
            return 0;
        }
        return Double.parseDouble("0" + s.substring(dot));
    }

    /**
     * @param values distinct non-missing cells
     * @return the first format that parses every one, or null
     */
    public static DatetimeFormat detect(Iterable<String> values) {
        for (DatetimeFormat f : values()) {
            boolean all = true;
            boolean any = false;
            for (String v : values) {
                any = true;
                if (Double.isNaN(f.parse(v))) {
                    all = false;
                    break;
                }
            }
            if (all && any) {
                return f;
            }
        }
        return null;
    }
}
