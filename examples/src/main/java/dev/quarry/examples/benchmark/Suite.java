package dev.quarry.examples.benchmark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.quarry.automl.config.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A benchmark suite, as written in YAML.
 *
 * @param name the suite's name (the output folder's name by default)
 * @param datasets file names from the manifest, or null for every dataset in it
 * @param folds outer folds per dataset, at least 2; default 3
 * @param budget each budgeted contender's wall-clock budget per fold, e.g. "2m"
 * @param ladder extra budgets at which {@code quarry-default} also runs, for the score-versus-budget plot
 * @param contenders contender ids; default all of {@link Contender#ids()}
 * @param seed the seed of the outer splits and of every contender
 * @param parallelism cores given to every contender; default 2
 * @param maxRows rows kept per dataset (a seeded sample), or null for all
 * @param runFolds how many of the outer folds are run, from fold 0; default all of them. With
 *     {@code folds: 3, runFolds: 1} each dataset gets one held-out test split of a third of its rows,
 *     the same rows as fold 0 of the 3-fold suite, so the other folds can be added later
 * @param evidence whether Quarry's contenders also write their ensemble evidence (every kept trial's
 *     and every ensemble's predictions on the validation and test rows, {@link EvidenceFile}) beside
 *     their results, for {@link EnsembleLab}; default false. It is written after the result, so it
 *     counts against neither the budget nor the measured memory or predict time
 */
public record Suite(String name, List<String> datasets, Integer folds, String budget, List<String> ladder,
        List<String> contenders, Long seed, Integer parallelism, Integer maxRows, Integer runFolds,
        Boolean evidence) {

    /** Applies defaults and validates. */
    public Suite {
        folds = folds == null ? 3 : folds;
        evidence = evidence != null && evidence;
        seed = seed == null ? 1L : seed;
        parallelism = parallelism == null ? 2 : parallelism;
        contenders = contenders == null ? Contender.ids() : List.copyOf(contenders);
        ladder = ladder == null ? List.of() : List.copyOf(ladder);
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("suite `name` must be letters, digits, '.', '_' or '-', got " + name);
        }
        if (folds < 2) {
            throw new IllegalArgumentException("`folds >= 2` must hold, got " + folds);
        }
        runFolds = runFolds == null ? folds : runFolds;
        if (runFolds < 1 || runFolds > folds) {
            throw new IllegalArgumentException("`runFolds` must be between 1 and folds (" + folds + "), got " + runFolds);
        }
        if (budget == null) {
            throw new IllegalArgumentException("`budget` is required, e.g. 2m");
        }
        Durations.parse(budget);
        ladder.forEach(Durations::parse);
        for (String c : contenders) {
            Contender.of(c);
        }
    }

    /** @return the main budget */
    public Duration budgetDuration() {
        return Durations.parse(budget);
    }

    /**
     * @param file a suite file
     * @return the suite
     * @throws IOException on a read or parse error (unknown keys included)
     */
    public static Suite load(Path file) throws IOException {
        var mapper = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper.readValue(file.toFile(), Suite.class);
    }
}
