package dev.quarry.automl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The time kept for writing the shipped model grows with its size; nothing is kept when the size is unknown. */
class FinalModelWriteTimeTest {

    @Test
    void writeTimeScalesWithTheArtifactSize() {
        assertEquals(Duration.ofSeconds(4), FinalModel.writeTime(20e6), "a 20 MB compressed ensemble");
        assertEquals(Duration.ofMillis(200), FinalModel.writeTime(1e6));
        assertEquals(Duration.ZERO, FinalModel.writeTime(0));
        assertEquals(Duration.ZERO, FinalModel.writeTime(Double.NaN));
    }
}
