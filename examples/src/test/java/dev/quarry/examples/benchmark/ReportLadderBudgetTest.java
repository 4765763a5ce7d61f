package dev.quarry.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rung of the budget ladder is held to the budget, not only the main budget: the full suite's
 * 30-second run on adult took 1.150 of its budget, and the cost table (main budget only) did not show it.
 */
class ReportLadderBudgetTest {

    private static Report.Row run(String dataset, int fold, String contender, String budget, double overshoot) {
        return new Report.Row(dataset, fold, contender, budget, 0.8, overshoot * 30, 40, overshoot, 10, 0, 900, 5, 1000,
                null, List.of());
    }

    @Test
    void eachRungListsItsRunsOverFivePercentByName() {
        var suite = new Suite("full", null, 3, "2m", List.of("30s", "2m"), null, null, null, null, null, null);
        String table = Report.ladderBudget(List.of(run("adult", 0, "quarry-default", "30s", 1.150),
                run("adult", 1, "quarry-default", "30s", 0.990), run("adult", 0, "quarry-default", "2m", 1.002),
                run("adult", 0, "quarry-random", "30s", 1.5), run("adult", 0, "random-forest", "once", Double.NaN)), suite);
        assertEquals("""

                Quarry's default against its budget at each rung (fit time over the budget):

                | budget | runs | mean overshoot | max overshoot | runs over +5% |
                |---|---|---|---|---|
                | 30s | 2 | 1.070 | 1.150 | 1: adult fold 0 (1.150) |
                | 2m | 1 | 1.002 | 1.002 | 0 |
                """, table);
    }
}
