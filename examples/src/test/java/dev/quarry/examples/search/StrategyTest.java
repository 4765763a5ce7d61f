package dev.quarry.examples.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void aStrategyListAlwaysHoldsRandomSearchAndTheDefaultInCatalogOrder() {
        assertEquals(List.of(Strategy.RANDOM, Strategy.TPE, Strategy.GP), Strategy.parseList("tpe"));
        assertEquals(List.of(Strategy.RANDOM, Strategy.GP), Strategy.parseList("gp, random"));
        var e = assertThrows(IllegalArgumentException.class, () -> Strategy.parseList("gp,smac"));
        assertTrue(e.getMessage().contains("'smac'"), e.getMessage());
    }

    @Test
    void theRandomBaselineDrawsFromItsFirstTrial() {
        // Bergstra and Bengio's random search: no defaults first (they are part of Quarry's strategy).
        assertEquals(search("search: {sampler: {type: random, defaultsFirst: false}}\n"),
                search("search: " + Strategy.RANDOM.yaml + "\n"));
        assertEquals(new dev.quarry.search.sampler.RandomSampler(3, false), Strategy.RANDOM.sampler(3));
    }
}
