package dev.quarry.automl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "30s, PT30S",
        "10m, PT10M",
        "1h, PT1H",
        "1h30m, PT1H30M",
        "1m30s, PT1M30S",
        "2d, PT48H",
        "1.5s, PT1.5S",
        "45, PT45S",
        "0.25, PT0.25S",
        "PT10M, PT10M",
        "pt10m, PT10M",
        "P1DT1H, PT25H",
        "' 30s ', PT30S",
        "10M, PT10M",
    })
    void acceptedForms(String text, String iso) {
        assertEquals(Duration.parse(iso), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "10 minutes", "10 m", "m", "0", "0s", "0ms", "-5s", "-5", "1x", "PT", "PT0S",
        "PT-1M", "s30", "1h 30m", "1..5s", "1e3s", "ten"})
    void rejectedFormsSayWhatIsAccepted(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().startsWith("expected a positive duration such as 500ms, 30s, 10m, 1h30m or PT10M, got \""
                + text + "\""), e.getMessage());
    }
}
