package dev.quarry.featurize.csv;

import java.util.Set;

/**
 * How to read a CSV file.
 *
 * @param delimiter the field separator
 * @param missingTokens cell values (after trimming surrounding whitespace) that mean "missing"
 */
public record CsvOptions(char delimiter, Set<String> missingTokens) {

    /** The tokens read as missing unless configured otherwise. */
    public static final Set<String> DEFAULT_MISSING = Set.of("", "NA", "?");

    /** Validates and copies. */
    public CsvOptions {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break, got " + delimiter);
        }
        missingTokens = Set.copyOf(missingTokens);
    }

    /** @return comma-separated, with {@link #DEFAULT_MISSING} */
    public static CsvOptions defaults() {
        return new CsvOptions(',', DEFAULT_MISSING);
    }
}
