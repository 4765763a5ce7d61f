package dev.quarry.featurize.table;

import dev.quarry.featurize.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Separates the target column from the features and decodes it for the task. */
public final class Targets {

    private Targets() {
    }

    /**
     * Splits a table into features and target. Rows whose target is missing are dropped.
     *
     * <p>Task inference when {@code task} is null: a categorical target is BINARY with 2 classes,
     * MULTICLASS with more; a numeric target is BINARY with exactly 2 distinct values, else
     * REGRESSION. Class labels are sorted by numeric value if all parse as numbers, else as strings;
     * a numeric target used for classification gets labels formatted as integers when integral
     * ("3", not "3.0"). A MULTICLASS task on a two-class target becomes BINARY, so that learners and
     * metrics see one shape for two classes.
     *
     * @param table the whole table
     * @param targetColumn the target's name
     * @param task the task, or null to infer it
     * @param source the file name, for messages
     * @return features and target
     * @throws DataException if the column is absent, all missing, single-class, or unfit for the task
     */
    public static LabelledTable split(Table table, String targetColumn, Task task, String source) {
        if (!table.has(targetColumn)) {
            throw new DataException("target column '" + targetColumn + "' not found in " + source + "; columns are: "
                    + String.join(", ", table.columnNames()));
        }
        Column column = table.column(targetColumn);
        int[] kept = keptRows(column);
        if (kept.length == 0) {
            throw new DataException("target column '" + targetColumn + "' in " + source + " has no values: every row is missing");
        }
        Table features = table.drop(List.of(targetColumn));
        int dropped = column.size() - kept.length;
        if (dropped > 0) {
            features = features.select(kept);
            column = column.select(kept);
        }
        List<String> labels = column instanceof CategoricalColumn c ? strings(c) : null;
        if (task == null) {
            long distinct = labels != null ? labels.stream().distinct().count() : distinctNumbers((NumericColumn) column, 3);
            task = labels != null ? (distinct == 2 ? Task.BINARY : Task.MULTICLASS)
                    : (distinct == 2 ? Task.BINARY : Task.REGRESSION);
        }
        if (task == Task.REGRESSION) {
            if (labels != null) {
                throw new DataException("target column '" + targetColumn + "' in " + source
                        + " holds text (e.g. '" + labels.getFirst() + "'), so it cannot be a regression target");
            }
            return new LabelledTable(features, new Target(targetColumn, task, List.of(), null,
                    ((NumericColumn) column).values()), dropped);
        }
        if (labels == null) {
            labels = new ArrayList<>();
            for (double v : ((NumericColumn) column).values()) {
                labels.add(format(v));
            }
        }
        List<String> classes = sortedClasses(labels);
        if (classes.size() < 2) {
            throw new DataException("target column '" + targetColumn + "' in " + source + " has only one class ("
                    + classes.getFirst() + "); classification needs at least two");
        }
        if (task == Task.BINARY && classes.size() > 2) {
            throw new DataException("target column '" + targetColumn + "' in " + source + " has " + classes.size()
                    + " classes, but the task is binary; use task: multiclass");
        }
        if (task == Task.MULTICLASS && classes.size() == 2) {
            task = Task.BINARY;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        int[] codes = new int[labels.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = index.get(labels.get(i));
        }
        return new LabelledTable(features, new Target(targetColumn, task, classes, codes, null), dropped);
    }

    private static int[] keptRows(Column column) {
        int n = 0;
        int[] kept = new int[column.size()];
        for (int i = 0; i < column.size(); i++) {
            if (!column.isMissing(i)) {
                kept[n++] = i;
            }
        }
        return Arrays.copyOf(kept, n);
    }

    private static List<String> strings(CategoricalColumn c) {
        var out = new ArrayList<String>(c.size());
        for (int i = 0; i < c.size(); i++) {
            out.add(c.value(i));
        }
        return out;
    }

    private static long distinctNumbers(NumericColumn c, int stopAt) {
        var seen = new HashSet<Double>();
        for (double v : c.values()) {
            if (seen.add(v) && seen.size() >= stopAt) {
                break;
            }
        }
        return seen.size();
    }

    /** Integral values print as integers, so a 0/1 column gets classes "0" and "1". */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static List<String> sortedClasses(List<String> labels) {
        var distinct = new TreeSet<>(labels);
        boolean numeric = distinct.stream().allMatch(Targets::isNumber);
        Comparator<String> order = numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        return distinct.stream().sorted(order.thenComparing(Comparator.naturalOrder())).toList();
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s.trim().toLowerCase(Locale.ROOT)));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
