package dev.quarry.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary's learners line: a suite whose runs saw different learners (OpenBLAS installed while it
 * was under way, as happened on 2026-12-04) says so instead of mixing them silently.
 */
class ReportEnvironmentTest {

    private static Report.Row run(String contender, List<String> unavailable) {
        return new Report.Row("credit-g", 0, contender, "2m", 0.8, 100, 101, 0.83, 10, 0, 900, 5, 1000, null, unavailable);
    }

    @Test
    void oneEnvironmentIsStatedOnce() {
        assertEquals("- Learners: every learner available\n",
                Report.environment(List.of(run("quarry-default", List.of()), run("random-forest", List.of()))));
        assertEquals("- Learners: unavailable: smile.lda, smile.mlp\n",
                Report.environment(List.of(run("quarry-default", List.of("smile.lda", "smile.mlp")))));
    }

    @Test
    void runsThatSawDifferentLearnersAreFlagged() {
        String line = Report.environment(List.of(run("quarry-default", List.of("smile.lda", "smile.mlp")),
                run("quarry-default", List.of()), run("random-forest", List.of()), run("constant", null)));
        assertEquals("- **Learners differ between runs** (their scores do not compare): 2 runs every "
                + "learner available; 1 run unavailable: smile.lda, smile.mlp\n", line);
    }

    /** H2O's results never record Quarry's learners; a suite with H2O in it is not mixed for that. */
    @Test
    void runsThatDoNotRecordTheLearnersAreLeftOut() {
        assertEquals("- Learners: every learner available\n", Report.environment(List.of(
                run("quarry-default", List.of()), run("h2o-automl", null), run("random-forest", List.of()))));
        assertEquals("- Learners: not recorded\n", Report.environment(List.of(run("h2o-automl", null))));
        assertEquals("- Learners: no runs\n", Report.environment(List.of()));
    }
}
