package dev.quarry.search.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.Seeds;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchHistoryTest {

    private static TrialRecord t(int n, TrialState s, double score) {
        return new TrialRecord(n, new Params("l", Map.of()), s, score, 1);
    }

    @Test
    void bestFollowsDirectionAndIgnoresFailures() {
        var trials = List.of(t(0, TrialState.COMPLETED, 0.5), t(1, TrialState.FAILED, Double.NaN),
                t(2, TrialState.COMPLETED, 0.7), t(3, TrialState.RUNNING, Double.NaN));
        assertEquals(2, new SearchHistory(Direction.MAXIMIZE, trials).best().orElseThrow().number());
        assertEquals(0, new SearchHistory(Direction.MINIMIZE, trials).best().orElseThrow().number());
        assertEquals(4, new SearchHistory(Direction.MAXIMIZE, trials).nextNumber());
        assertEquals(1, new SearchHistory(Direction.MAXIMIZE, trials).running().size());
    }

    @Test
    void tiesGoToTheEarlierTrial() {
        var trials = List.of(t(0, TrialState.COMPLETED, 0.5), t(1, TrialState.COMPLETED, 0.5));
        assertEquals(0, new SearchHistory(Direction.MAXIMIZE, trials).best().orElseThrow().number());
    }

    @Test
    void rejectsOutOfOrderTrialsAndScorelessCompletions() {
        assertThrows(IllegalArgumentException.class,
                () -> new SearchHistory(Direction.MAXIMIZE, List.of(t(1, TrialState.FAILED, Double.NaN), t(0, TrialState.FAILED, Double.NaN))));
        assertThrows(IllegalArgumentException.class, () -> t(0, TrialState.COMPLETED, Double.NaN));
    }

    @Test
    void directionComparesWithNaNAsWorst() {
        assertTrue(Direction.MINIMIZE.isBetter(1, 2));
        assertTrue(Direction.MAXIMIZE.isBetter(0, Double.NaN));
        assertFalse(Direction.MAXIMIZE.isBetter(Double.NaN, 0));
    }

    @Test
    void seedsDependOnEveryPartAndItsOrder() {
        assertEquals(Seeds.mix(1, 2, 3), Seeds.mix(1, 2, 3));
        assertFalse(Seeds.mix(1, 2, 3) == Seeds.mix(1, 3, 2));
        assertFalse(Seeds.mix(1, 2) == Seeds.mix(1, 3));
        assertTrue(Seeds.mixToInt(5, 6) >= 0);
    }
}
