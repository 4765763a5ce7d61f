package dev.quarry.automl.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitsTest {

    private static Target imbalanced() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i < 80 ? 0 : i < 95 ? 1 : 2; // 80 / 15 / 5
        }
        return new Target("y", Task.MULTICLASS, List.of("a", "b", "c"), labels, null);
    }

    @Test
    void kFoldPartitionsTheRowsIntoNearEqualFolds() {
        List<Split> folds = Splits.kFold(103, 5, 1);
        int[] seen = new int[103];
        for (Split s : folds) {
            assertTrue(s.test().length == 20 || s.test().length == 21, "fold size " + s.test().length);
            assertEquals(103, s.train().length + s.test().length);
            for (int r : s.test()) {
                seen[r]++;
            }
        }
        assertTrue(Arrays.stream(seen).allMatch(c -> c == 1), "every row is tested exactly once");
    }

    @Test
    void stratifiedFoldsKeepClassSharesWithinOneRow() {
        Target t = imbalanced();
        for (Split s : Splits.stratifiedKFold(t, 5, 3)) {
            int[] counts = new int[3];
            for (int r : s.test()) {
                counts[t.labels()[r]]++;
            }
            assertTrue(Math.abs(counts[0] - 16) <= 1 && Math.abs(counts[1] - 3) <= 1 && Math.abs(counts[2] - 1) <= 1,
                    Arrays.toString(counts));
        }
    }

    @Test
    void splitsAreDeterministicPerSeed() {
        Target t = imbalanced();
        assertArrayEquals(Splits.stratifiedKFold(t, 5, 9).get(2).test(), Splits.stratifiedKFold(t, 5, 9).get(2).test());
        assertFalse(Arrays.equals(Splits.kFold(100, 5, 1).get(0).test(), Splits.kFold(100, 5, 2).get(0).test()));
    }

    @Test
    void holdoutsKeepTheirFractionAndEveryClassInTraining() {
        Split h = Splits.holdout(100, 0.2, 4);
        assertEquals(20, h.test().length);
        Target t = imbalanced();
        Split s = Splits.stratifiedHoldout(t, 0.2, 4);
        int[] test = new int[3];
        for (int r : s.test()) {
            test[t.labels()[r]]++;
        }
        assertArrayEquals(new int[] {16, 3, 1}, test);
    }

    @Test
    void invalidArgumentsStateTheRule() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Splits.kFold(10, 1, 0)).getMessage().contains("folds=1"));
        assertThrows(IllegalArgumentException.class, () -> Splits.kFold(3, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> Splits.holdout(10, 1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Split(new int[] {1, 2}, new int[] {2}));
    }

    private static Target labelled(int... counts) {
        int rows = Arrays.stream(counts).sum();
        int[] labels = new int[rows];
        int r = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                labels[r++] = c;
            }
        }
        var classes = new java.util.ArrayList<String>();
        for (int c = 0; c < counts.length; c++) {
            classes.add("c" + c);
        }
        return new Target("y", counts.length == 2 ? Task.BINARY : Task.MULTICLASS, classes, labels, null);
    }

    /** Asserts the test sides partition [0, rows), each split covers every row, and both sides are sorted. */
    private static void assertPartition(List<Split> folds, int rows) {
        int[] seen = new int[rows];
        for (Split s : folds) {
            assertEquals(rows, s.size());
            assertTrue(isSorted(s.train()) && isSorted(s.test()));
            for (int r : s.test()) {
                seen[r]++;
            }
        }
        assertTrue(Arrays.stream(seen).allMatch(c -> c == 1), "every row is tested exactly once");
    }

    /** Asserts a single split's two sides together are exactly the rows [0, rows), each side sorted. */
    private static void assertCovers(Split s, int rows) {
        assertTrue(isSorted(s.train()) && isSorted(s.test()));
        int[] all = java.util.stream.IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).sorted().toArray();
        assertArrayEquals(java.util.stream.IntStream.range(0, rows).toArray(), all);
    }

    private static boolean isSorted(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i - 1] >= a[i]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void kFoldPartitionsForEverySizeUpToOneRowPerFold() {
        for (int[] rk : new int[][] {{2, 2}, {10, 3}, {11, 10}, {7, 7}, {1000, 10}}) {
            List<Split> folds = Splits.kFold(rk[0], rk[1], 5);
            assertEquals(rk[1], folds.size());
            assertPartition(folds, rk[0]);
            int min = folds.stream().mapToInt(s -> s.test().length).min().orElseThrow();
            int max = folds.stream().mapToInt(s -> s.test().length).max().orElseThrow();
            assertTrue(max - min <= 1 && min == rk[0] / rk[1], rk[0] + " rows in " + rk[1] + " folds: " + min + ".." + max);
        }
    }

    @Test
    void stratifiedFoldsHoldEachClassWithinOneOfItsShareForManySeeds() {
        Target t = labelled(37, 23, 11, 4);
        int k = 5;
        for (long seed = 0; seed < 25; seed++) {
            List<Split> folds = Splits.stratifiedKFold(t, k, seed);
            assertPartition(folds, t.size());
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (Split s : folds) {
                int[] counts = new int[4];
                for (int r : s.test()) {
                    counts[t.labels()[r]]++;
                }
                // share per fold: 37/5 = 7.4, 23/5 = 4.6, 11/5 = 2.2, 4/5 = 0.8 -> floor or ceil
                int[] total = {37, 23, 11, 4};
                for (int c = 0; c < 4; c++) {
                    assertTrue(counts[c] == total[c] / k || counts[c] == (total[c] + k - 1) / k,
                            "seed " + seed + " class " + c + ": " + Arrays.toString(counts));
                }
                min = Math.min(min, s.test().length);
                max = Math.max(max, s.test().length);
            }
            assertTrue(max - min <= 1, "fold sizes " + min + ".." + max);
        }
    }

    @Test
    void aClassRarerThanTheFoldCountIsSpreadNotRejected() {
        // class 2 has 2 rows for 5 folds: it lands in exactly two folds, one row each
        Target t = labelled(20, 10, 2);
        int folds = 0;
        for (Split s : Splits.stratifiedKFold(t, 5, 1)) {
            long rare = Arrays.stream(s.test()).filter(r -> t.labels()[r] == 2).count();
            assertTrue(rare <= 1);
            folds += (int) rare;
        }
        assertEquals(2, folds);
    }

    @Test
    void sameSeedSameSplitsOtherSeedOtherSplits() {
        Target t = labelled(50, 30, 20);
        assertEquals(Splits.stratifiedKFold(t, 4, 11), Splits.stratifiedKFold(t, 4, 11));
        assertEquals(Splits.kFold(100, 4, 11), Splits.kFold(100, 4, 11));
        assertEquals(Splits.holdout(100, 0.3, 11), Splits.holdout(100, 0.3, 11));
        assertEquals(Splits.stratifiedHoldout(t, 0.3, 11), Splits.stratifiedHoldout(t, 0.3, 11));
        assertNotEquals(Splits.stratifiedKFold(t, 4, 11), Splits.stratifiedKFold(t, 4, 12));
        assertNotEquals(Splits.holdout(100, 0.3, 11), Splits.holdout(100, 0.3, 12));
        assertNotEquals(Splits.stratifiedHoldout(t, 0.3, 11), Splits.stratifiedHoldout(t, 0.3, 12));
    }

    @Test
    void holdoutTestsTheRoundedFractionAndLeavesBothSidesNonEmpty() {
        // round(10 * 0.25) = round(2.5) = 3
        assertEquals(3, Splits.holdout(10, 0.25, 0).test().length);
        // round(10 * 0.01) = 0, raised to 1; round(10 * 0.99) = 10, lowered to 9
        assertEquals(1, Splits.holdout(10, 0.01, 0).test().length);
        assertEquals(9, Splits.holdout(10, 0.99, 0).test().length);
        Split h = Splits.holdout(57, 0.3, 8);
        assertCovers(h, 57);
        assertEquals(17, h.test().length);
    }

    @Test
    void stratifiedHoldoutApportionsTheTotalByClass() {
        // 60 / 30 / 10 rows at 0.25: total 25; exact shares 15, 7.5, 2.5 -> floors 15, 7, 2 (24) and the
        // one row left goes to the largest remainder, class 1 (0.5 ties with class 2, lower index wins)
        Target t = labelled(60, 30, 10);
        Split s = Splits.stratifiedHoldout(t, 0.25, 3);
        assertCovers(s, 100);
        int[] test = new int[3];
        for (int r : s.test()) {
            test[t.labels()[r]]++;
        }
        assertArrayEquals(new int[] {15, 8, 2}, test);
        // five classes of 2 at 0.2: total 2 -> shares 0.4 each, floors 0; remainders tie -> classes 0 and 1
        Target pairs = labelled(2, 2, 2, 2, 2);
        Split p = Splits.stratifiedHoldout(pairs, 0.2, 3);
        assertArrayEquals(new int[] {0, 1}, Arrays.stream(p.test()).map(r -> pairs.labels()[r]).sorted().toArray());
    }

    @Test
    void stratifiedHoldoutKeepsEveryClassInTraining() {
        // at 0.9 each class with >= 2 rows keeps one training row; the single-row class stays in training
        Target t = labelled(10, 3, 2, 1);
        Split s = Splits.stratifiedHoldout(t, 0.9, 5);
        int[] train = new int[4];
        for (int r : s.train()) {
            train[t.labels()[r]]++;
        }
        assertArrayEquals(new int[] {1, 1, 1, 1}, train);
        // round(16 * 0.9) = 14 wanted, but only 9 + 2 + 1 = 12 rows may leave training
        assertEquals(12, s.test().length);
    }

    @Test
    void stratificationRejectsRegressionAndUnsplittableTargets() {
        var numbers = new Target("price", Task.REGRESSION, List.of(), null, new double[] {1, 2, 3, 4});
        String m = assertThrows(IllegalArgumentException.class, () -> Splits.stratifiedKFold(numbers, 2, 0)).getMessage();
        assertTrue(m.contains("REGRESSION") && m.contains("price"), m);
        assertThrows(IllegalArgumentException.class, () -> Splits.stratifiedHoldout(numbers, 0.5, 0));
        // two classes of one row: nothing can be held out while keeping each class in training
        assertThrows(IllegalArgumentException.class, () -> Splits.stratifiedHoldout(labelled(1, 1), 0.5, 0));
    }

    @Test
    void invalidFoldsAndFractionsStateRuleAndValue() {
        String tooMany = assertThrows(IllegalArgumentException.class, () -> Splits.kFold(3, 5, 0)).getMessage();
        assertTrue(tooMany.contains("folds <= rows") && tooMany.contains("folds=5") && tooMany.contains("3 rows"), tooMany);
        assertThrows(IllegalArgumentException.class, () -> Splits.stratifiedKFold(labelled(3, 3), 7, 0));
        assertThrows(IllegalArgumentException.class, () -> Splits.stratifiedKFold(labelled(3, 3), 1, 0));
        for (double f : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            String m = assertThrows(IllegalArgumentException.class, () -> Splits.holdout(10, f, 0)).getMessage();
            assertTrue(m.contains("(0, 1)") && m.contains(String.valueOf(f)), m);
            assertThrows(IllegalArgumentException.class, () -> Splits.stratifiedHoldout(labelled(5, 5), f, 0));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Splits.holdout(1, 0.5, 0)).getMessage().contains("got 1"));
    }

    @Test
    void splitCopiesSortsAndChecksItsRows() {
        int[] train = {5, 0, 3};
        Split s = new Split(train, new int[] {4, 1});
        train[0] = 99;
        assertArrayEquals(new int[] {0, 3, 5}, s.train());
        assertArrayEquals(new int[] {1, 4}, s.test());
        assertEquals(s, new Split(new int[] {3, 5, 0}, new int[] {1, 4}));
        assertEquals(s.hashCode(), new Split(new int[] {3, 5, 0}, new int[] {1, 4}).hashCode());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Split(new int[] {1, 2}, new int[] {2}))
                .getMessage().contains("row 2"));
        assertThrows(IllegalArgumentException.class, () -> new Split(new int[0], new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> new Split(new int[] {1, 1}, new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> new Split(new int[] {-1}, new int[] {2}));
    }
}
