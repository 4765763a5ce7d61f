package dev.quarry.automl.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Repeated, group and time-ordered splits: the properties users rely on, over many random inputs. */
class ValidationSchemesTest {

    @Test
    void groupKFoldNeverPutsOneGroupOnBothSides() {
        var rng = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 20 + rng.nextInt(300);
            int groupCount = 5 + rng.nextInt(40);
            int[] groups = new int[rows];
            for (int i = 0; i < rows; i++) {
                // skewed sizes: some groups are much larger than others
                groups[i] = (int) Math.floor(groupCount * Math.pow(rng.nextDouble(), 2)) * 7 + 1;
            }
            long distinct = Arrays.stream(groups).distinct().count();
            int k = 2 + rng.nextInt((int) Math.min(9, distinct - 1));
            List<Split> splits = Splits.groupKFold(groups, k, trial);
            assertEquals(k, splits.size());
            int[] tested = new int[rows];
            for (Split s : splits) {
                var trainGroups = new HashSet<Integer>();
                for (int r : s.train()) {
                    trainGroups.add(groups[r]);
                }
                for (int r : s.test()) {
                    tested[r]++;
                    assertTrue(!trainGroups.contains(groups[r]), "group " + groups[r] + " is on both sides (trial "
                            + trial + ")");
                }
            }
            assertTrue(Arrays.stream(tested).allMatch(c -> c == 1), "every row is validated exactly once");
        }
    }

    @Test
    void groupKFoldBalancesEqualGroupsAndNeedsAsManyGroupsAsFolds() {
        int[] groups = IntStream.range(0, 100).map(i -> i / 10).toArray(); // 10 groups of 10
        for (Split s : Splits.groupKFold(groups, 5, 1)) {
            assertEquals(20, s.test().length, "two whole groups per fold");
        }
        assertNotEquals(Splits.groupKFold(groups, 5, 1), Splits.groupKFold(groups, 5, 2), "the seed shuffles groups");
        assertEquals(Splits.groupKFold(groups, 5, 1), Splits.groupKFold(groups, 5, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> Splits.groupKFold(groups, 11, 1));
        assertEquals("`2 <= folds <= groups` must hold, got folds=11 for 10 groups", e.getMessage());
    }

    @Test
    void timeSplitNeverTrainsOnRowsLaterThanItValidates() {
        var rng = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 10 + rng.nextInt(400);
            double[] time = new double[rows];
            for (int i = 0; i < rows; i++) {
                // rows in random order, many ties
                time[i] = rng.nextInt(Math.max(8, rows / 3));
            }
            int k = 1 + rng.nextInt(4);
            List<Split> splits = Splits.timeOrdered(time, k);
            assertEquals(k, splits.size());
            int previousTrain = 0;
            for (Split s : splits) {
                double latestTrain = Arrays.stream(s.train()).mapToDouble(r -> time[r]).max().orElseThrow();
                double earliestTest = Arrays.stream(s.test()).mapToDouble(r -> time[r]).min().orElseThrow();
                assertTrue(latestTrain < earliestTest, "trained on time " + latestTrain + " but validated from "
                        + earliestTest + " (trial " + trial + ")");
                assertTrue(s.train().length > previousTrain, "the window expands");
                previousTrain = s.train().length;
            }
        }
    }

    @Test
    void timeSplitCutsIntoEqualBlocksAndRejectsUncuttableTies() {
        double[] time = IntStream.range(0, 100).mapToDouble(i -> 99 - i).toArray(); // newest first in the file
        List<Split> splits = Splits.timeOrdered(time, 3);
        assertEquals(List.of(25, 50, 75), splits.stream().map(s -> s.train().length).toList());
        assertEquals(List.of(25, 25, 25), splits.stream().map(s -> s.test().length).toList());
        assertEquals(99, splits.getFirst().train()[24], "the earliest quarter is the last quarter of the file");
        double[] allEqual = new double[50];
        var e = assertThrows(IllegalArgumentException.class, () -> Splits.timeOrdered(allEqual, 2));
        assertTrue(e.getMessage().contains("too many rows share a time"), e.getMessage());
        double[] nan = {1, 2, Double.NaN, 4};
        assertEquals("every row needs a time, row 2 has NaN",
                assertThrows(IllegalArgumentException.class, () -> Splits.timeOrdered(nan, 1)).getMessage());
    }

    @Test
    void repeatedKFoldPartitionsTheRowsOncePerRepetitionWithFreshShuffles() {
        int[] labels = IntStream.range(0, 90).map(i -> i % 3 == 0 ? 1 : 0).toArray();
        var target = new Target("y", Task.BINARY, List.of("a", "b"), labels, null);
        List<Split> splits = Splits.repeatedKFold(target, 5, 3, true, 9);
        assertEquals(15, splits.size());
        for (int r = 0; r < 3; r++) {
            int[] tested = new int[90];
            for (Split s : splits.subList(r * 5, r * 5 + 5)) {
                for (int row : s.test()) {
                    tested[row]++;
                }
                assertEquals(6, Arrays.stream(s.test()).filter(row -> labels[row] == 1).count(), "stratified");
            }
            assertTrue(Arrays.stream(tested).allMatch(c -> c == 1), "repetition " + r + " partitions the rows");
        }
        assertNotEquals(splits.subList(0, 5), splits.subList(5, 10), "each repetition reshuffles");
        assertEquals(Splits.stratifiedKFold(target, 5, 9), Splits.repeatedKFold(target, 5, 1, true, 9),
                "one repetition is plain k-fold");
    }
}
