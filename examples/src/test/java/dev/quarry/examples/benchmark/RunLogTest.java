package dev.quarry.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A contender's log lines: seconds since its JVM started, each child run's outcome, each phase. */
class RunLogTest {

    @Test
    void linesAreStampedWithTheBudgetClock() {
        Instant start = Instant.parse("2026-12-05T03:00:00Z");
        var bytes = new ByteArrayOutputStream();
        var log = new RunLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), start,
                InstantSource.fixed(start.plusMillis(104_520)));
        Instant t = start.plusSeconds(100);
        log.trialFinished(new TrialResult("e", 7, new Params("smile.mlp", Map.of()), 1, TrialState.COMPLETED, null, null,
                0.9123, Map.of(), t, t.plusMillis(3_100), 3.0, "local-1"), true, 0.9123, Duration.ofSeconds(104));
        log.trialFinished(new TrialResult("e", 8, new Params("tribuo.extra_trees", Map.of()), 1, TrialState.FAILED,
                FailureKind.CANCELLED, "cancelled", Double.NaN, Map.of(), t, t.plusSeconds(4), 4.0, "local-2"), false, 0.9123,
                Duration.ofSeconds(104));
        log.phase("stacking skipped: it must finish before the deadline");
        assertEquals("""
                [  104.5s] trial 7 smile.mlp 0.9123 *best* (3.1s on local-1)
                [  104.5s] trial 8 tribuo.extra_trees FAILED CANCELLED (4.0s on local-2)
                [  104.5s] stacking skipped: it must finish before the deadline
                """, bytes.toString(StandardCharsets.UTF_8));
    }
}
