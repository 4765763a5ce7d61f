package dev.quarry.automl.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
