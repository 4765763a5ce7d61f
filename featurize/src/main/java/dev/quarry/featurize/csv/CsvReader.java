package dev.quarry.featurize.csv;

import dev.quarry.featurize.DataException;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV file with a header row into a columnar {@link Table}.
 *
 * <p>Two passes over the file: the first checks the shape and decides each column's kind, the
 * second fills primitive arrays, so memory stays near the size of the typed data rather than of
 * the text. A column is NUMERIC if every non-missing cell is a finite plain decimal number such as
 * {@code 00202}, {@code -1.5e3} or {@code .5}, else CATEGORICAL. Java-only forms that
 * {@link Double#parseDouble} also accepts ({@code 1d}, {@code 2f}, hex) are text: in a CSV they are
 * codes, not numbers.
 */
public final class CsvReader {

    private CsvReader() {
    }

    /**
     * @param file a CSV file with a header row
     * @param options delimiter and missing tokens
     * @return the table, kinds inferred
     * @throws DataException naming the file and line of a malformed row, or an empty file
     */
    public static Table read(Path file, CsvOptions options) {
        return read(file, options, Map.of());
    }

    /**
     * @param file a CSV file with a header row
     * @param options delimiter and missing tokens
     * @param kinds kinds forced for the named columns (e.g. the training schema when reading
     *     prediction input); other columns are inferred, and names the file lacks are ignored
     * @return the table
     * @throws DataException as {@link #read(Path, CsvOptions)}, and for a non-numeric value in a
     *     column forced NUMERIC (naming file, line, column and value)
     */
    public static Table read(Path file, CsvOptions options, Map<String, ColumnKind> kinds) {
        String name = file.getFileName().toString();
        try {
            Shape shape = scan(file, options, kinds, name);
            return fill(file, options, shape, name);
        } catch (NoSuchFileException e) {
            throw new DataException("file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** What the first pass learned: header, row count and each column's kind. */
    private record Shape(List<String> header, int rows, ColumnKind[] kinds) {
    }

    private static CsvParser open(Path file, CsvOptions options, String name) throws IOException {
        return new CsvParser(Files.newBufferedReader(file, StandardCharsets.UTF_8), options.delimiter(), name);
    }

    private static Shape scan(Path file, CsvOptions options, Map<String, ColumnKind> forced, String name)
            throws IOException {
        try (CsvParser parser = open(file, options, name)) {
            List<String> header = parser.next();
            if (header == null) {
                throw new DataException(name + " is empty: a header row is required");
            }
            var seen = new HashSet<String>();
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i);
                if (h.isEmpty()) {
                    throw new DataException(name + " line " + parser.recordLine() + ": header column " + (i + 1) + " has no name");
                }
                if (!seen.add(h)) {
                    throw new DataException(name + " line " + parser.recordLine() + ": column name '" + h + "' appears twice in the header");
                }
            }
            int n = header.size();
            var kinds = new ColumnKind[n];
            boolean[] numeric = new boolean[n];
            for (int j = 0; j < n; j++) {
                kinds[j] = forced.get(header.get(j));
                numeric[j] = true;
            }
            int rows = 0;
            for (List<String> record; (record = parser.next()) != null; rows++) {
                if (record.size() != n) {
                    throw new DataException(name + " line " + parser.recordLine() + ": expected " + n + " fields, got "
                            + record.size());
                }
                for (int j = 0; j < n; j++) {
                    if (numeric[j] && kinds[j] == null) {
                        String cell = record.get(j);
                        numeric[j] = options.missingTokens().contains(cell.strip()) || parseNumber(cell) != null;
                    }
                }
            }
            if (rows == 0) {
                throw new DataException(name + " has a header but no data rows");
            }
            for (int j = 0; j < n; j++) {
                if (kinds[j] == null) {
                    kinds[j] = numeric[j] ? ColumnKind.NUMERIC : ColumnKind.CATEGORICAL;
                }
            }
            return new Shape(header, rows, kinds);
        }
    }

    private static Table fill(Path file, CsvOptions options, Shape shape, String name) throws IOException {
        int n = shape.header().size();
        double[][] numbers = new double[n][];
        int[][] codes = new int[n][];
        List<Map<String, Integer>> dictionaries = new ArrayList<>();
        List<List<String>> levels = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (shape.kinds()[j] == ColumnKind.NUMERIC) {
                numbers[j] = new double[shape.rows()];
            } else {
                codes[j] = new int[shape.rows()];
            }
            dictionaries.add(new HashMap<>());
            levels.add(new ArrayList<>());
        }
        try (CsvParser parser = open(file, options, name)) {
            parser.next();
            int row = 0;
            for (List<String> record; (record = parser.next()) != null && row < shape.rows(); row++) {
                if (record.size() != n) {
                    throw new DataException(name + " changed while it was being read (line " + parser.recordLine() + ")");
                }
                for (int j = 0; j < n; j++) {
                    String cell = record.get(j);
                    boolean missing = options.missingTokens().contains(cell.strip());
                    if (numbers[j] != null) {
                        Double v = missing ? Double.valueOf(Double.NaN) : parseNumber(cell);
                        if (v == null) {
                            throw new DataException(name + " line " + parser.recordLine() + ": column '"
                                    + shape.header().get(j) + "' must hold numbers, got '" + cell + "'");
                        }
                        numbers[j][row] = v;
                    } else if (missing) {
                        codes[j][row] = -1;
                    } else {
                        var dict = dictionaries.get(j);
                        Integer code = dict.get(cell);
                        if (code == null) {
                            code = dict.size();
                            dict.put(cell, code);
                            levels.get(j).add(cell);
                        }
                        codes[j][row] = code;
                    }
                }
            }
            if (row != shape.rows()) {
                throw new DataException(name + " changed while it was being read");
            }
        }
        var columns = new ArrayList<Column>(n);
        for (int j = 0; j < n; j++) {
            String col = shape.header().get(j);
            columns.add(numbers[j] != null ? new NumericColumn(col, numbers[j])
                    : new CategoricalColumn(col, codes[j], levels.get(j)));
        }
        return new Table(columns);
    }

    /**
     * A plain decimal number: optional sign, digits, optional fraction and exponent. Java's looser
     * forms ("1d", "NaN", "Infinity", hex) are not numbers in a CSV.
     *
     * @param cell the cell text
     * @return its value, or null if it is not a finite plain number
     */
    static Double parseNumber(String cell) {
        String s = cell.strip();
        if (s.isEmpty()) {
            return null;
        }
        char first = s.charAt(0);
        char last = s.charAt(s.length() - 1);
        if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')
                || !(Character.isDigit(last) || last == '.')) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return null;
            }
        }
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
