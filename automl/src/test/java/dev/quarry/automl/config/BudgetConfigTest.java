package dev.quarry.automl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetConfigTest {

    @Test
    void trialTimeoutDefaultsToHalfTheDurationAtMostTenMinutes() {
        assertEquals(Duration.ofSeconds(30), new BudgetConfig(null, Duration.ofMinutes(1), null, null, null).trialTimeout());
        assertEquals(Duration.ofMinutes(10), new BudgetConfig(null, Duration.ofMinutes(20), null, null, null).trialTimeout());
        assertEquals(Duration.ofMinutes(10), new BudgetConfig(null, Duration.ofHours(3), null, null, null).trialTimeout());
        assertEquals(Duration.ofMinutes(10), new BudgetConfig(5, null, null, null, null).trialTimeout(), "no maxDuration");
        assertEquals(Duration.ofHours(1), new BudgetConfig(5, null, Duration.ofHours(1), null, null).trialTimeout(),
                "an explicit timeout is kept, even above the default cap");
    }

    @Test
    void onlyMaxTrialsLeavesTheDurationUnlimited() {
        assertNull(new BudgetConfig(5, null, null, null, null).maxDuration());
    }

    @Test
    void rulesStateTheValueReceived() {
        assertEquals("maxTrials", assertThrows(InvalidValueException.class,
                () -> new BudgetConfig(0, null, null, null, null)).key());
        assertEquals("stagnation", assertThrows(InvalidValueException.class,
                () -> new BudgetConfig(1, null, null, null, 0)).key());
        assertEquals("exitScore", assertThrows(InvalidValueException.class,
                () -> new BudgetConfig(1, null, null, Double.NaN, null)).key());
        var e = assertThrows(InvalidValueException.class,
                () -> new BudgetConfig(null, Duration.ofMinutes(1), Duration.ofMinutes(2), null, null));
        assertEquals("trialTimeout", e.key());
        assertEquals("must not exceed maxDuration (PT1M), got PT2M", e.getMessage());
        assertNull(assertThrows(InvalidValueException.class, () -> new BudgetConfig(null, null, null, null, null)).key());
        assertEquals("must be positive, got PT-1S", assertThrows(InvalidValueException.class,
                () -> new BudgetConfig(null, Duration.ofSeconds(-1), null, null, null)).getMessage());
        assertEquals("trialTimeout", assertThrows(InvalidValueException.class,
                () -> new BudgetConfig(3, null, Duration.ZERO, null, null)).key());
    }
}
