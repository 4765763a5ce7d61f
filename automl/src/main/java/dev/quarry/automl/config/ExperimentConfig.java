package dev.quarry.automl.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * A whole experiment config, validated, with defaults filled in.
 *
 * @param name the experiment's name: letters, digits, {@code . _ -}, at most 64 characters
 * @param data where the rows are and what to predict
 * @param metric the primary metric's id, or null to use the task's default (checked later against the task)
 * @param budget when to stop
 * @param validation how trials are scored; default {@code auto}
 * @param learners the learners allowed, or null for all (names checked later against the catalog)
 * @param blockedLearners learners never tried, or null
 * @param search the search strategy
 * @param executor where trials run; default local threads, one per core
 * @param seed the experiment seed; default 42
 * @param workspace the workspace folder; default {@code quarry-workspace}
 * @param ensemble ensemble selection after the search; default on
 * @param featurize how columns become features; default everything detected
 */
public record ExperimentConfig(String name, DataConfig data, String metric, BudgetConfig budget,
        ValidationSpec validation, List<String> learners, List<String> blockedLearners, SearchConfig search,
        ExecutorSpec executor, Long seed, Path workspace, EnsembleConfig ensemble, FeaturizeConfig featurize) {

    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 42;

    /** The longest name allowed. */
    public static final int MAX_NAME_LENGTH = 64;

    /** Applies defaults and validates. */
    public ExperimentConfig {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1," + MAX_NAME_LENGTH + "}")) {
            throw new InvalidValueException("name", "`name` must be 1 to " + MAX_NAME_LENGTH
                    + " letters, digits, '.', '_' or '-', got " + (name == null ? "nothing" : "\"" + name + "\""));
        }
        if (data == null) {
            throw new InvalidValueException("data", "expected a mapping {train: <csv>, target: <column>}, got nothing");
        }
        if (budget == null) {
            throw new InvalidValueException("budget", "expected a mapping with maxTrials, maxDuration or both, got nothing");
        }
        validation = validation == null ? new AutoValidation() : validation;
        search = search == null ? new SearchConfig(null) : search;
        executor = executor == null ? new LocalExecutorSpec(null) : executor;
        seed = seed == null ? DEFAULT_SEED : seed;
        workspace = workspace == null ? Path.of("quarry-workspace") : workspace;
        ensemble = ensemble == null ? new EnsembleConfig(null, null, null, null, null, null) : ensemble;
        featurize = featurize == null ? FeaturizeConfig.defaults() : featurize;
        if (learners != null) {
            learners = names(learners, "learners");
            if (learners.isEmpty()) {
                throw new InvalidValueException("learners", "must name at least one learner, or be left out to allow all");
            }
        }
        if (blockedLearners != null) {
            blockedLearners = names(blockedLearners, "blockedLearners");
            if (learners != null) {
                var both = new HashSet<>(learners);
                both.retainAll(blockedLearners);
                if (!both.isEmpty()) {
                    int i = 0;
                    while (!both.contains(blockedLearners.get(i))) {
                        i++;
                    }
                    String learner = blockedLearners.get(i);
                    throw new InvalidValueException("blockedLearners[" + i + "]", "a learner may be allowed or blocked, not both; got "
                            + learner + " in both learners and blockedLearners");
                }
            }
        }
    }

    private static List<String> names(List<String> names, String key) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null || names.get(i).isBlank()) {
                throw new InvalidValueException(key + "[" + i + "]", "expected a learner name, got "
                        + (names.get(i) == null ? "null" : "\"" + names.get(i) + "\""));
            }
        }
        return List.copyOf(names);
    }

    /**
     * @param base the config file's folder
     * @return this config with data paths resolved against it
     */
    ExperimentConfig resolvedAgainst(Path base) {
        return new ExperimentConfig(name, data.resolvedAgainst(base), metric, budget, validation, learners,
                blockedLearners, search, executor, seed, workspace, ensemble, featurize);
    }
}
