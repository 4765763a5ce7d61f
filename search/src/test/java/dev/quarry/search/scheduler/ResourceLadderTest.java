package dev.quarry.search.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceLadderTest {

    @Test
    void rungsArePowersOfTheFactorBelowTheMax() {
        assertEquals(List.of(1.0, 3.0, 9.0, 27.0), new ResourceLadder(1, 27, 3).rungs());
        assertEquals(3, new ResourceLadder(1, 27, 3).top());
        List<Double> fractions = new ResourceLadder(0.1, 1, 3).rungs();
        assertEquals(3, fractions.size());
        assertEquals(1 / 9.0, fractions.get(0), 1e-12);
        assertEquals(1 / 3.0, fractions.get(1), 1e-12);
        assertEquals(1.0, fractions.get(2));
        assertEquals(List.of(5.0), new ResourceLadder(5, 5, 2).rungs(), "min = max: one rung");
        assertEquals(List.of(25.0, 50.0, 100.0, 200.0), new ResourceLadder(20, 200, 2).rungs());
    }

    @Test
    void indexOfFindsRungsToATolerance() {
        var l = new ResourceLadder(0.1, 1, 3);
        assertEquals(1, l.indexOf(1 / 3.0 + 1e-13));
        assertEquals(-1, l.indexOf(0.5));
        assertEquals(2, l.indexOf(Double.NaN), "no resource means the full one");
        assertThrows(IllegalArgumentException.class, () -> l.resource(3));
    }

    @Test
    void invalidLaddersNameTheRule() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ResourceLadder(1, 27, 1));
        assertTrue(e.getMessage().contains("`reductionFactor > 1` must hold, got 1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ResourceLadder(0, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new ResourceLadder(2, 1, 3));
    }

    @Test
    void hyperbandBracketsFollowTheRecipe() {
        // Li et al. 2018, table 1 (R = 81, η = 3): n = 81, 34, 15, 8, 5 for s = 4..0.
        var hb = new Hyperband(new ResourceLadder(1, 81, 3));
        assertEquals(List.of(81, 34, 15, 8, 5), List.of(hb.bracketSize(4), hb.bracketSize(3), hb.bracketSize(2),
                hb.bracketSize(1), hb.bracketSize(0)));
        assertEquals(27, SuccessiveHalving.of(new ResourceLadder(1, 27, 3)).bracketSize());
    }
}
