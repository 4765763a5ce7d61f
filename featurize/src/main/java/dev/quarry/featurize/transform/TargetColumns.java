package dev.quarry.featurize.transform;

import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * A target as numeric columns, for statistics against it: a binary target as one 0/1 column (1 for
 * the second class), a multiclass target as one 0/1 column per class, a regression target as its
 * values.
 */
public final class TargetColumns {

    private TargetColumns() {
    }

    /**
     * @param target a target
     * @return its columns, each with one value per row
     */
    public static double[][] of(Target target) {
        int n = target.size();
        if (target.task() == Task.REGRESSION) {
            return new double[][] {target.values()};
        }
        int width = target.task() == Task.BINARY ? 1 : target.classCount();
        double[][] out = new double[width][n];
        for (int i = 0; i < n; i++) {
            int label = target.labels()[i];
            if (width == 1) {
                out[0][i] = label;
            } else {
                out[label][i] = 1;
            }
        }
        return out;
    }

    /**
     * @param target a target
     * @return the feature-name suffix of each column of {@link #of}: empty for one column, else {@code =<class>}
     */
    public static List<String> suffixes(Target target) {
        if (target.task() != Task.MULTICLASS) {
            return List.of("");
        }
        var out = new ArrayList<String>();
        target.classes().forEach(c -> out.add("=" + c));
        return out;
    }
}
