package dev.quarry.examples.benchmark;

import java.util.Arrays;
import java.util.List;

/** The contenders the harness knows. Each runs in its own JVM through {@link ContenderMain}. */
public enum Contender {
    /** Quarry as {@code quarry run} runs it with no search config. */
    QUARRY_DEFAULT("quarry-default", true),
    /** Quarry with random search (defaults first, then random). */
    QUARRY_RANDOM("quarry-random", true),
    /** Quarry with the TPE sampler. */
    QUARRY_TPE("quarry-tpe", true),
    /** Quarry's default without the ensemble step: the best single configuration, refitted. */
    QUARRY_SINGLE("quarry-single", true),
    /**
     * Quarry's default with the greedy ensemble's pool widened to the bests of 10 learner families
     * ({@code ensemble.poolFamilies: 10}); with evidence, the lab replays the default 3-family pool on
     * the same searches.
     */
    QUARRY_WIDE_POOL("quarry-wide-pool", true),
    /** The training prior: class shares, or the mean. */
    CONSTANT("constant", false),
    /** Smile's random forest with Quarry's catalog defaults, no search. */
    RANDOM_FOREST("random-forest", false),
    /** Smile's gradient boosting with Quarry's catalog defaults, no search. */
    GRADIENT_BOOSTING("gradient-boosting", false),
    /** H2O AutoML 3.44, the JVM incumbent, in a JDK 17 process of its own ({@link H2OProcess}). */
    H2O_AUTOML("h2o-automl", true);

    private final String id;
    private final boolean budgeted;

    Contender(String id, boolean budgeted) {
        this.id = id;
        this.budgeted = budgeted;
    }

    /** @return what suites write */
    public String id() {
        return id;
    }

    /** @return whether it uses the wall-clock budget (the others train once and stop) */
    public boolean budgeted() {
        return budgeted;
    }

    /** @return every id */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Contender::id).toList();
    }

    /**
     * @param id an id
     * @return the contender
     * @throws IllegalArgumentException listing the known ids
     */
    public static Contender of(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown contender " + id + "; known: " + ids()));
    }
}
