package dev.quarry.featurize.profile;

import dev.quarry.featurize.DataException;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides each column's {@link ColumnType} from its values, never from the target. Detection rules,
 * in order, for a column not overridden:
 * <ul>
 *   <li>no value, or one value on every row: {@code CONSTANT};</li>
 *   <li>numbers: two distinct values {@code BOOLEAN}; integers unique on every row that cover a dense
 *       range (a row number or key, at least {@value #MIN_ROWS_FOR_KEYS} rows) {@code ID}; 3 to
 *       {@value #MAX_INTEGER_CODES} distinct integers in at least {@value #MIN_ROWS_FOR_CODES} rows
 *       {@code INTEGER_CATEGORICAL}; else {@code NUMERIC};</li>
 *   <li>text: every value in one {@link DatetimeFormat} {@code DATETIME}; two values that read as
 *       booleans (true/false, yes/no, y/n, t/f) {@code BOOLEAN}; at least {@value #MIN_TEXT_LEVELS}
 *       distinct values averaging {@value #MIN_TEXT_WORDS} or more words {@code TEXT}; unique on every
 *       row (at least {@value #MIN_ROWS_FOR_KEYS} rows) {@code ID}; else {@code CATEGORICAL}.</li>
 * </ul>
 * One pass per column over primitive arrays; text tests run once per distinct level, not per row.
 * Stateless and thread-safe.
 */
public final class Profiler {

    static final int MIN_ROWS_FOR_KEYS = 20;
    static final int MAX_INTEGER_CODES = 10;
    static final int MIN_ROWS_FOR_CODES = 100;
    static final int MIN_TEXT_LEVELS = 20;
    static final double MIN_TEXT_WORDS = 3.0;

    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "y", "t");
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "n", "f");

    private Profiler() {
    }

    /**
     * @param features the feature columns (not the target)
     * @param overrides forced types by column name
     * @return the profile
     * @throws DataException if an override names a column the table lacks, or forces a type the
     *     values cannot have (naming the column and an offending value)
     */
    public static TableProfile profile(Table features, Map<String, ColumnOverride> overrides) {
        for (String name : overrides.keySet()) {
            if (!features.has(name)) {
                throw new DataException("featurize.columns names column '" + name + "', which the data lacks; columns are: "
                        + String.join(", ", features.columnNames()));
            }
        }
        var out = new ArrayList<ColumnProfile>();
        for (Column c : features.columns()) {
            out.add(profile(c, overrides.get(c.name())));
        }
        return new TableProfile(out);
    }

    /**
     * @param features the feature columns
     * @return a profile that only follows storage (numbers NUMERIC, strings CATEGORICAL, no-information
     *     columns CONSTANT): the featurization of a table fitted without profiling
     */
    public static TableProfile storageOnly(Table features) {
        var out = new ArrayList<ColumnProfile>();
        for (Column c : features.columns()) {
            Counts n = Counts.of(c);
            ColumnType type = n.distinct == 0 || (n.distinct == 1 && n.missing == 0) ? ColumnType.CONSTANT
                    : c instanceof NumericColumn ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
            out.add(new ColumnProfile(c.name(), c.kind(), type, c.size(), n.missing, n.distinct, null, false, "storage"));
        }
        return new TableProfile(out);
    }

    private static ColumnProfile profile(Column c, ColumnOverride override) {
        Counts n = Counts.of(c);
        if (override != null) {
            return overridden(c, override, n);
        }
        ColumnType type;
        String reason;
        DatetimeFormat format = null;
        if (n.distinct == 0) {
            type = ColumnType.CONSTANT;
            reason = "no values";
        } else if (n.distinct == 1 && n.missing == 0) {
            type = ColumnType.CONSTANT;
            reason = "one value on every row";
        } else if (c instanceof NumericColumn) {
            if (n.distinct == 2) {
                type = ColumnType.BOOLEAN;
                reason = "two values";
            } else if (n.integral && n.distinct == n.present && n.present >= MIN_ROWS_FOR_KEYS
                    && n.max - n.min + 1 <= 2.0 * n.present) {
                type = ColumnType.ID;
                reason = "integers unique on every row";
            } else if (n.integral && n.distinct <= MAX_INTEGER_CODES && c.size() >= MIN_ROWS_FOR_CODES) {
                type = ColumnType.INTEGER_CATEGORICAL;
                reason = n.distinct + " integer codes";
            } else {
                type = ColumnType.NUMERIC;
                reason = "numbers";
            }
        } else {
            CategoricalColumn k = (CategoricalColumn) c;
            List<String> used = n.usedLevels(k);
            format = DatetimeFormat.detect(used);
            if (format != null) {
                type = ColumnType.DATETIME;
                reason = "dates in format " + format.pattern();
            } else if (n.distinct == 2 && booleanWords(used)) {
                type = ColumnType.BOOLEAN;
                reason = "two boolean words";
            } else if (n.distinct >= MIN_TEXT_LEVELS && meanWords(used) >= MIN_TEXT_WORDS) {
                type = ColumnType.TEXT;
                reason = String.format(Locale.ROOT, "free text, %.1f words per value", meanWords(used));
            } else if (n.distinct == n.present && n.present >= MIN_ROWS_FOR_KEYS) {
                type = ColumnType.ID;
                reason = "unique on every row";
            } else {
                type = ColumnType.CATEGORICAL;
                reason = n.distinct + " levels";
            }
        }
        return new ColumnProfile(c.name(), c.kind(), type, c.size(), n.missing, n.distinct, format, false, reason);
    }

    private static ColumnProfile overridden(Column c, ColumnOverride override, Counts n) {
        String where = "column '" + c.name() + "' (featurize.columns: " + override.name().toLowerCase(Locale.ROOT) + ")";
        DatetimeFormat format = null;
        switch (override) {
            case NUMERIC -> {
                if (!(c instanceof NumericColumn)) {
                    throw new DataException(where + " must hold numbers; read it with the numeric kind");
                }
            }
            case TEXT -> {
                if (!(c instanceof CategoricalColumn)) {
                    throw new DataException(where + " must be read as text, not numbers");
                }
            }
            case DATETIME -> {
                if (!(c instanceof CategoricalColumn k)) {
                    throw new DataException(where + " holds numbers; epoch timestamps are not guessed: write dates as "
                            + "yyyy-MM-dd, yyyy-MM-dd HH:mm:ss, ISO-8601 or MM/dd/yyyy");
                }
                List<String> used = n.usedLevels(k);
                format = DatetimeFormat.detect(used);
                if (format == null) {
                    String bad = used.isEmpty() ? "(no values)" : firstUnparsed(used);
                    throw new DataException(where + " has values in no supported date format, e.g. '" + bad
                            + "'; supported: yyyy-MM-dd, yyyy-MM-dd HH:mm[:ss], yyyy-MM-ddTHH:mm[:ss][offset], "
                            + "MM/dd/yyyy, MM/dd/yyyy HH:mm[:ss], HH:mm[:ss]");
                }
            }
            case BOOLEAN -> {
                if (n.distinct > 2) {
                    throw new DataException(where + " has " + n.distinct + " distinct values; a boolean has at most 2");
                }
            }
            case CATEGORICAL, ID, IGNORE -> {
                // Any values will do.
            }
        }
        return new ColumnProfile(c.name(), c.kind(), override.type(), c.size(), n.missing, n.distinct, format, true,
                "set in featurize.columns");
    }

    private static String firstUnparsed(List<String> used) {
        for (String v : used) {
            boolean any = false;
            for (DatetimeFormat f : DatetimeFormat.values()) {
                any |= !Double.isNaN(f.parse(v));
            }
            if (!any) {
                return v;
            }
        }
        return used.getFirst();
    }

    static boolean booleanWords(List<String> levels) {
        int t = 0;
        int f = 0;
        for (String l : levels) {
            String s = l.strip().toLowerCase(Locale.ROOT);
            t += TRUE_WORDS.contains(s) ? 1 : 0;
            f += FALSE_WORDS.contains(s) ? 1 : 0;
        }
        return t == 1 && f == 1;
    }

    /**
     * @param level a categorical value of a boolean column
     * @return whether it is the "true" one of a boolean pair
     */
    public static boolean isTrueWord(String level) {
        return TRUE_WORDS.contains(level.strip().toLowerCase(Locale.ROOT));
    }

    private static double meanWords(List<String> levels) {
        long words = 0;
        for (String l : levels) {
            words += l.isBlank() ? 0 : l.strip().split("\\s+").length;
        }
        return levels.isEmpty() ? 0 : words / (double) levels.size();
    }

    /** Missing and distinct counts of one column, from one pass (numbers: one sort of a copy). */
    private static final class Counts {
        int missing;
        int present;
        int distinct;
        boolean integral = true;
        double min = Double.NaN;
        double max = Double.NaN;
        int[] levelCounts;

        static Counts of(Column c) {
            var n = new Counts();
            switch (c) {
                case NumericColumn num -> {
                    double[] v = num.values();
                    double[] sorted = new double[v.length];
                    int p = 0;
                    for (double x : v) {
                        if (Double.isFinite(x)) {
                            sorted[p++] = x;
                            n.integral &= x == Math.rint(x);
                        }
                    }
                    n.present = p;
                    n.missing = v.length - p;
                    Arrays.sort(sorted, 0, p);
                    for (int i = 0; i < p; i++) {
                        if (i == 0 || sorted[i] != sorted[i - 1]) {
                            n.distinct++;
                        }
                    }
                    if (p > 0) {
                        n.min = sorted[0];
                        n.max = sorted[p - 1];
                    }
                }
                case CategoricalColumn k -> {
                    n.levelCounts = new int[k.levels().size()];
                    for (int code : k.codes()) {
                        if (code < 0) {
                            n.missing++;
                        } else {
                            n.levelCounts[code]++;
                        }
                    }
                    n.present = k.size() - n.missing;
                    for (int count : n.levelCounts) {
                        n.distinct += count > 0 ? 1 : 0;
                    }
                    n.integral = false;
                }
            }
            return n;
        }

        List<String> usedLevels(CategoricalColumn k) {
            var out = new ArrayList<String>(distinct);
            for (int code = 0; code < levelCounts.length; code++) {
                if (levelCounts[code] > 0) {
                    out.add(k.levels().get(code));
                }
            }
            return out;
        }
    }
}
