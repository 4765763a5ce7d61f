package dev.quarry.automl.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

/** A minimal valid config and short ways to read YAML or fail, shared by the config tests. */
final class ConfigFixtures {

    /** Data and a budget: everything else defaulted. */
    static final String MINIMAL = """
            data:
              train: data/train.csv
              target: class
            budget:
              maxDuration: 60s
            """;

    private ConfigFixtures() {
    }

    static ExperimentConfig yaml(String text, Path dir) {
        return ConfigLoader.parse(text, ConfigLoader.Format.YAML, dir, "exp.yaml");
    }

    static ConfigException yamlError(String text) {
        return assertThrows(ConfigException.class, () -> yaml(text, Path.of("/base")));
    }

    static ConfigException jsonError(String text) {
        return assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(text, ConfigLoader.Format.JSON, Path.of("/base"), "exp.json"));
    }
}
