package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.runner.history.CostMetrics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The time kept for writing the shipped model: the measured write time when the run has one, spread
 * over the writing threads with headroom; the size at a fixed rate otherwise; nothing when neither is known.
 */
class ModelWriteTimeTest {

    @Test
    void aMeasuredWriteTimeIsSpreadOverTheWritersWithHeadroom() {
        var metrics = Map.of(CostMetrics.ARTIFACT_BYTES, 50e6, CostMetrics.ARTIFACT_WRITE_MS, 14_000.0);
        assertEquals(Duration.ofMillis(14_000), ModelWriteTime.of(metrics, 1, 20, 2), "20 files on 2 cores");
        assertEquals(Duration.ofMillis(28_000), ModelWriteTime.of(metrics, 1, 1, 2), "one file is written on one thread");
        assertEquals(Duration.ofMillis(28_000), ModelWriteTime.of(metrics, 1, 20, 1), "one core");
        var oneFoldModel = Map.of(CostMetrics.ARTIFACT_BYTES, 5e6, CostMetrics.ARTIFACT_WRITE_MS, 2_000.0);
        assertEquals(Duration.ofMillis(10_000), ModelWriteTime.of(oneFoldModel, 5, 5, 2), "a trial's five fold models");
    }

    @Test
    void withoutAMeasuredTimeTheSizeSetsIt() {
        assertEquals(Duration.ofMillis(8_000), ModelWriteTime.of(Map.of(CostMetrics.ARTIFACT_BYTES, 20e6), 1, 1, 2),
                "a 20 MB compressed model at 5 MB/s, with headroom");
        assertEquals(Duration.ofMillis(400), ModelWriteTime.of(Map.of(CostMetrics.ARTIFACT_BYTES, 1e6), 1, 1, 2));
        assertEquals(Duration.ZERO, ModelWriteTime.of(Map.of(CostMetrics.ARTIFACT_BYTES, 0.0), 1, 1, 2));
        assertEquals(Duration.ZERO, ModelWriteTime.of(Map.of(), 3, 1, 2));
    }
}
