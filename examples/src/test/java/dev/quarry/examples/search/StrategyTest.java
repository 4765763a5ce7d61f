package dev.quarry.examples.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.automl.config.ConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StrategyTest {

    private static Object search(String extra) {
        String yaml = "data: {train: d.csv, target: y}\nbudget: {maxTrials: 5}\n" + extra;
        return ConfigLoader.parse(yaml, ConfigLoader.Format.YAML, Path.of("/tmp"), "s.yaml", "s").search();
    }

    @Test
    void theBenchmarksDefaultStrategyIsWhatQuarryRunUsesWithoutASearchKey() {
        // The dataset verdict is about the default strategy; it must be the one a config without `search` gets.
        assertEquals(search(""), search("search: " + Strategy.DEFAULT.yaml + "\n"));
    }
}
