package dev.quarry.automl.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.automl.pipeline.PipelineInfo;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a scoring request's JSON rows into the table a pipeline scores, checked against the
 * model's input schema ({@link PipelineInfo#inputColumns()}): the body must be
 * {@code {"rows": [{column: value, ...}, ...]}} with 1 to {@value #MAX_ROWS} rows; every input
 * column must be present in every row; a numeric column takes a JSON number, a categorical one a
 * string, and either takes null or one of the model's missing-value tokens for a missing value.
 * Other keys (the target, ids) are ignored, as {@code quarry predict} ignores extra CSV columns.
 * Values read the way the CSV reader reads them, so a row scores as the same row in a CSV does.
 */
final class ScoringRows {

    static final int MAX_ROWS = 100_000;

    private ScoringRows() {
    }

    static Table table(JsonNode body, PipelineInfo info) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_input", "expected a JSON object {\"rows\": [{column: value, ...}]}, got "
                    + describe(body), "$");
        }
        JsonNode rows = body.get("rows");
        if (rows == null || !rows.isArray()) {
            throw ApiException.badRequest("invalid_input", "expected \"rows\": a list of objects, got " + describe(rows), "rows");
        }
        if (rows.isEmpty() || rows.size() > MAX_ROWS) {
            throw ApiException.badRequest("invalid_input", "expected 1 to " + MAX_ROWS + " rows, got " + rows.size(), "rows");
        }
        Set<String> missingTokens = new HashSet<>(info.missingValues());
        int n = rows.size();
        var columns = new ArrayList<Column>();
        for (Map.Entry<String, ColumnKind> input : info.inputColumns().entrySet()) {
            String name = input.getKey();
            boolean numeric = input.getValue() == ColumnKind.NUMERIC;
            double[] values = numeric ? new double[n] : null;
            int[] codes = numeric ? null : new int[n];
            Map<String, Integer> dictionary = new HashMap<>();
            List<String> levels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                JsonNode row = rows.get(i);
                if (!row.isObject()) {
                    throw ApiException.badRequest("invalid_input", "expected each row to be an object of column values, got "
                            + describe(row), "rows[" + i + "]");
                }
                String field = "rows[" + i + "]." + name;
                JsonNode v = row.get(name);
                if (v == null) {
                    throw ApiException.badRequest("invalid_input", "row " + i + " lacks the column '" + name
                            + "'; the model needs: " + String.join(", ", info.inputColumns().keySet()), field);
                }
                boolean missing = v.isNull() || v.isTextual() && missingTokens.contains(v.asText().strip());
                if (numeric) {
                    if (missing) {
                        values[i] = Double.NaN;
                    } else if (v.isNumber()) {
                        values[i] = v.asDouble();
                    } else {
                        throw ApiException.badRequest("invalid_input", "column '" + name + "' is numeric: expected a number or "
                                + "null, got " + describe(v), field);
                    }
                } else if (missing) {
                    codes[i] = -1;
                } else if (v.isTextual()) {
                    codes[i] = dictionary.computeIfAbsent(v.asText(), level -> {
                        levels.add(level);
                        return levels.size() - 1;
                    });
                } else {
                    throw ApiException.badRequest("invalid_input", "column '" + name + "' is categorical: expected a string or "
                            + "null, got " + describe(v), field);
                }
            }
            columns.add(numeric ? new NumericColumn(name, values) : new CategoricalColumn(name, codes, levels));
        }
        return new Table(columns);
    }

    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            return "the string \"" + v.asText() + "\"";
        }
        if (v.isBoolean()) {
            return "the boolean " + v.asText();
        }
        return v.isNull() ? "null" : "the number " + v.asText();
    }
}
