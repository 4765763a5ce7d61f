package dev.quarry.automl.evaluation;

import dev.quarry.featurize.table.Target;
import dev.quarry.search.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Makes validation splits. Deterministic: the same rows and seed give the same splits on every JVM,
 * because rows are shuffled by Fisher-Yates driven by {@link SplittableRandom}{@code (seed)}, whose
 * sequence is specified. Both sides of every split are sorted ascending, so only membership depends on
 * the shuffle.
 *
 * <p>Stratified k-fold shuffles each class's rows and deals them round-robin to the folds, the dealing
 * continuing from class to class; so every fold holds each class's count / k rounded up or down, and the
 * fold sizes differ by at most one. A class with fewer rows than folds appears in as many folds as it
 * has rows (scikit-learn warns there; this does not, as a rare class must not stop an experiment).
 *
 * <p>Splits never exceed O(rows) memory per split and O(rows log rows) time.
 */
public final class Splits {

    private Splits() {
    }

    /**
     * @param rows the number of rows
     * @param k the number of folds, in [2, rows]
     * @param seed the shuffle seed
     * @return k splits whose test sides partition the rows, sizes differing by at most one
     * @throws IllegalArgumentException unless {@code 2 <= k <= rows}
     */
    public static List<Split> kFold(int rows, int k, long seed) {
        checkFolds(rows, k);
        int[] order = shuffled(identity(rows), new SplittableRandom(seed));
        int[] fold = new int[rows];
        for (int i = 0; i < rows; i++) {
            fold[order[i]] = i % k;
        }
        return fromAssignment(fold, k);
    }

    /**
     * @param target a classification target
     * @param k the number of folds, in [2, rows]
     * @param seed the shuffle seed
     * @return k stratified splits; classes with fewer rows than k appear in as many folds as they have rows
     */
    public static List<Split> stratifiedKFold(Target target, int k, long seed) {
        int rows = target.size();
        checkFolds(rows, k);
        var rng = new SplittableRandom(seed);
        int[] fold = new int[rows];
        int next = 0;
        for (int[] members : byClass(target)) {
            for (int row : shuffled(members, rng)) {
                fold[row] = next;
                next = (next + 1) % k;
            }
        }
        return fromAssignment(fold, k);
    }

    /**
     * Repeated k-fold: {@code repeats} independent k-fold partitions, each shuffled with its own seed
     * {@code mix(seed, r)}, so each repetition's test sides partition the rows.
     *
     * @param target the target (used only when {@code stratified})
     * @param k the number of folds per repetition, in [2, rows]
     * @param repeats how many repetitions, at least 1; 1 gives exactly {@link #kFold} or {@link #stratifiedKFold}
     * @param stratified whether each repetition keeps class shares (classification targets only)
     * @param seed the shuffle seed
     * @return {@code k * repeats} splits, repetition by repetition
     */
    public static List<Split> repeatedKFold(Target target, int k, int repeats, boolean stratified, long seed) {
        if (repeats < 1) {
            throw new IllegalArgumentException("`repeats >= 1` must hold, got " + repeats);
        }
        var out = new ArrayList<Split>();
        for (int r = 0; r < repeats; r++) {
            long s = r == 0 ? seed : Seeds.mix(seed, r);
            out.addAll(stratified ? stratifiedKFold(target, k, s) : kFold(target.size(), k, s));
        }
        return List.copyOf(out);
    }

    /**
     * Group k-fold: every row of a group lands in the same fold, so no group is ever on both sides of
     * a split. Groups are shuffled with the seed, then dealt largest first (a stable sort by size, so
     * equal sizes keep the shuffled order) to the fold with the fewest rows so far (ties to the lower
     * fold), which keeps fold sizes close (scikit-learn's GroupKFold, with a seeded shuffle).
     *
     * @param groups each row's group id, any non-negative ints
     * @param k the number of folds, in [2, number of groups]
     * @param seed the shuffle seed
     * @return k splits whose test sides partition the rows
     * @throws IllegalArgumentException if there are fewer groups than folds
     */
    public static List<Split> groupKFold(int[] groups, int k, long seed) {
        var members = new TreeMap<Integer, List<Integer>>();
        for (int i = 0; i < groups.length; i++) {
            members.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
        }
        if (k < 2 || k > members.size()) {
            throw new IllegalArgumentException("`2 <= folds <= groups` must hold, got folds=" + k + " for "
                    + members.size() + " groups");
        }
        int[] ids = members.keySet().stream().mapToInt(Integer::intValue).toArray();
        Integer[] order = Arrays.stream(shuffled(ids, new SplittableRandom(seed))).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Integer.compare(members.get(b).size(), members.get(a).size()));
        int[] load = new int[k];
        int[] fold = new int[groups.length];
        for (int g : order) {
            int target = 0;
            for (int f = 1; f < k; f++) {
                if (load[f] < load[target]) {
                    target = f;
                }
            }
            for (int row : members.get(g)) {
                fold[row] = target;
            }
            load[target] += members.get(g).size();
        }
        return fromAssignment(fold, k);
    }

    /**
     * Time-ordered splits with an expanding window (scikit-learn's TimeSeriesSplit): the rows, sorted
     * by time, are cut into {@code k + 1} consecutive blocks of near-equal size; split {@code i} trains
     * on blocks {@code 0..i} and validates on block {@code i + 1}. Rows with equal times are never cut
     * apart (a cut moves forward past them), so every training row is strictly earlier than every
     * validation row of its split. Deterministic, no seed.
     *
     * @param time each row's time (any order-preserving number: epoch values, or ranks of ISO-8601
     *     text); finite
     * @param k how many splits, at least 1
     * @return k splits in time order
     * @throws IllegalArgumentException if a time is not finite, or ties leave a block empty
     */
    public static List<Split> timeOrdered(double[] time, int k) {
        int rows = time.length;
        if (k < 1 || k + 1 > rows) {
            throw new IllegalArgumentException("`1 <= folds <= rows - 1` must hold, got folds=" + k + " for " + rows + " rows");
        }
        for (int i = 0; i < rows; i++) {
            if (!Double.isFinite(time[i])) {
                throw new IllegalArgumentException("every row needs a time, row " + i + " has " + time[i]);
            }
        }
        Integer[] boxed = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            boxed[i] = i;
        }
        // stable: rows with equal times keep file order, though cuts never separate them anyway
        Arrays.sort(boxed, (a, b) -> Double.compare(time[a], time[b]));
        int[] sorted = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        int[] cuts = new int[k + 2];
        cuts[k + 1] = rows;
        for (int b = 1; b <= k; b++) {
            int cut = Math.max((int) ((long) rows * b / (k + 1)), cuts[b - 1]);
            while (cut > 0 && cut < rows && time[sorted[cut]] == time[sorted[cut - 1]]) {
                cut++;
            }
            cuts[b] = cut;
        }
        var out = new ArrayList<Split>(k);
        for (int i = 1; i <= k; i++) {
            if (cuts[i] == 0 || cuts[i + 1] <= cuts[i]) {
                throw new IllegalArgumentException("too many rows share a time to cut " + rows + " rows into "
                        + (k + 1) + " time blocks; use fewer folds");
            }
            out.add(new Split(Arrays.copyOfRange(sorted, 0, cuts[i]), Arrays.copyOfRange(sorted, cuts[i], cuts[i + 1])));
        }
        return List.copyOf(out);
    }

    /**
     * @param rows the number of rows, at least 2
     * @param testFraction the share held out, in (0, 1)
     * @param seed the shuffle seed
     * @return one split testing {@code round(rows * testFraction)} rows, clamped to [1, rows - 1]
     */
    public static Split holdout(int rows, double testFraction, long seed) {
        checkFraction(testFraction);
        checkHoldoutRows(rows);
        int[] order = shuffled(identity(rows), new SplittableRandom(seed));
        int test = testCount(rows, testFraction);
        return new Split(Arrays.copyOfRange(order, test, rows), Arrays.copyOfRange(order, 0, test));
    }

    /**
     * Holds out the same total as {@link #holdout}, shared among the classes in proportion to their size
     * by largest remainder (so each class's test count is within one of its exact share), except that a
     * class with two or more rows keeps at least one on the training side and a class with a single row
     * stays in training, where a learner can at least see it.
     *
     * @param target a classification target with at least 2 rows
     * @param testFraction the share held out, in (0, 1)
     * @param seed the shuffle seed
     * @return one stratified split
     * @throws IllegalArgumentException for a regression target, or when no class has two rows to share
     */
    public static Split stratifiedHoldout(Target target, double testFraction, long seed) {
        checkFraction(testFraction);
        int rows = target.size();
        checkHoldoutRows(rows);
        List<int[]> classes = byClass(target);
        int k = classes.size();
        int[] room = new int[k];
        int totalRoom = 0;
        for (int c = 0; c < k; c++) {
            room[c] = Math.max(0, classes.get(c).length - 1);
            totalRoom += room[c];
        }
        if (totalRoom == 0) {
            throw new IllegalArgumentException("a stratified holdout needs a class with at least 2 rows, got "
                    + k + " classes of at most 1 row");
        }
        int[] held = share(Math.min(testCount(rows, testFraction), totalRoom), classes, room, rows);
        var rng = new SplittableRandom(seed);
        int[] train = new int[rows];
        int[] test = new int[rows];
        int trainSize = 0;
        int testSize = 0;
        for (int c = 0; c < k; c++) {
            int[] members = shuffled(classes.get(c), rng);
            for (int i = 0; i < members.length; i++) {
                if (i < held[c]) {
                    test[testSize++] = members[i];
                } else {
                    train[trainSize++] = members[i];
                }
            }
        }
        return new Split(Arrays.copyOf(train, trainSize), Arrays.copyOf(test, testSize));
    }

    /** Largest-remainder apportionment of {@code total <= sum(room)} test rows, at most room[c] per class. */
    private static int[] share(int total, List<int[]> classes, int[] room, int rows) {
        int k = classes.size();
        int[] held = new int[k];
        double[] remainder = new double[k];
        int left = total;
        for (int c = 0; c < k; c++) {
            double exact = (double) total * classes.get(c).length / rows;
            held[c] = Math.min(room[c], (int) Math.floor(exact));
            remainder[c] = exact - Math.floor(exact);
            left -= held[c];
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        // ties go to the lower class index, so the split depends only on the data and the seed
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
        // a capped class can leave rows over; later passes give them to classes that still have room
        while (left > 0) {
            for (int c : order) {
                if (left > 0 && held[c] < room[c]) {
                    held[c]++;
                    left--;
                }
            }
        }
        return held;
    }

    private static int testCount(int rows, double testFraction) {
        return (int) Math.clamp(Math.round(rows * testFraction), 1, rows - 1);
    }

    private static List<int[]> byClass(Target target) {
        if (!target.task().isClassification()) {
            throw new IllegalArgumentException("stratified splits need a classification target, got "
                    + target.task() + " target '" + target.column() + "'");
        }
        int[] counts = new int[target.classCount()];
        for (int label : target.labels()) {
            counts[label]++;
        }
        var out = new ArrayList<int[]>();
        int[] filled = new int[counts.length];
        for (int count : counts) {
            out.add(new int[count]);
        }
        for (int i = 0; i < target.labels().length; i++) {
            int c = target.labels()[i];
            out.get(c)[filled[c]++] = i;
        }
        return out;
    }

    private static List<Split> fromAssignment(int[] fold, int k) {
        int[] testSize = new int[k];
        for (int f : fold) {
            testSize[f]++;
        }
        var splits = new ArrayList<Split>(k);
        for (int f = 0; f < k; f++) {
            int[] train = new int[fold.length - testSize[f]];
            int[] test = new int[testSize[f]];
            int a = 0;
            int b = 0;
            // rows are visited in ascending order, so both sides come out sorted
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == f) {
                    test[b++] = i;
                } else {
                    train[a++] = i;
                }
            }
            splits.add(new Split(train, test));
        }
        return List.copyOf(splits);
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** Fisher-Yates on a copy. */
    private static int[] shuffled(int[] values, SplittableRandom rng) {
        int[] out = values.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    private static void checkFolds(int rows, int k) {
        if (k < 2 || k > rows) {
            throw new IllegalArgumentException("`2 <= folds <= rows` must hold, got folds=" + k + " for " + rows + " rows");
        }
    }

    private static void checkHoldoutRows(int rows) {
        if (rows < 2) {
            throw new IllegalArgumentException("a holdout needs `rows >= 2`, got " + rows);
        }
    }

    private static void checkFraction(double f) {
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException("a holdout fraction must be in (0, 1), got " + f);
        }
    }
}
