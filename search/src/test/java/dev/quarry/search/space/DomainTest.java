package dev.quarry.search.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DomainTest {

    @Test
    void boundsAreValidatedWithTheValueInTheMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> new IntDomain(5, 1, false));
        assertTrue(e.getMessage().contains("low=5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FloatDomain(0, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new CategoricalDomain(List.of("a", "a")));
    }

    @Test
    void coerceNormalisesAndRejects() {
        assertEquals(3.0, new FloatDomain(0, 10, false).coerce(3));
        assertEquals(4, new IntDomain(1, 10, false).coerce(4.0));
        assertThrows(IllegalArgumentException.class, () -> new IntDomain(1, 10, false).coerce(4.5));
        assertThrows(IllegalArgumentException.class, () -> new IntDomain(1, 10, false).coerce(11));
        assertEquals("true", CategoricalDomain.of("true", "false").coerce(true));
        assertThrows(IllegalArgumentException.class, () -> CategoricalDomain.of("a").coerce("b"));
    }

    @Test
    void unitMappingRoundTrips() {
        var log = new FloatDomain(1e-4, 1, true);
        assertEquals(0.5, log.toUnit(1e-2), 1e-12);
        assertEquals(1e-2, (Double) log.fromUnit(0.5), 1e-15);
        var ints = new IntDomain(1, 9, false);
        assertEquals(5, ints.fromUnit(0.5));
        var cat = CategoricalDomain.of("a", "b", "c");
        assertEquals("c", cat.fromUnit(cat.toUnit("c")));
    }

    @Test
    void samplesStayInside() {
        var rng = new SplittableRandom(1);
        var d = new IntDomain(2, 3, true);
        for (int i = 0; i < 200; i++) {
            int v = (Integer) d.sample(rng);
            assertTrue(v == 2 || v == 3);
        }
    }

    @Test
    void learnerSpaceCompletesAndNamesTheOffendingParam() {
        var space = new LearnerSpace("rf", List.of(new Hyperparameter("trees", new IntDomain(1, 100, false), 10)));
        assertEquals(new Params("rf", Map.of("trees", 10)), space.complete(Map.of()));
        var e = assertThrows(IllegalArgumentException.class, () -> space.complete(Map.of("tres", 5)));
        assertTrue(e.getMessage().contains("tres") && e.getMessage().contains("trees"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> space.complete(Map.of("trees", 500)));
        assertTrue(e2.getMessage().contains("rf.trees"), e2.getMessage());
    }

    @Test
    void paramsDescribeIsSortedAndTyped() {
        var p = new Params("x", Map.of("b", 0.5, "a", 3, "c", "gini"));
        assertEquals("a=3, b=0.5000, c=gini", p.describe());
        assertEquals(3, p.getInt("a"));
        assertThrows(IllegalArgumentException.class, () -> p.getString("a"));
    }
}
