package dev.quarry.automl.config;

/**
 * {@code type: local}: trials on threads of this process.
 *
 * @param parallelism trials at once, in [1, 256]; default the number of available processors
 */
public record LocalExecutorSpec(Integer parallelism) implements ExecutorSpec {

    /** Applies the default and validates. */
    public LocalExecutorSpec {
        parallelism = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        if (parallelism < 1 || parallelism > 256) {
            throw new InvalidValueException("parallelism", "`parallelism` must be in [1, 256], got " + parallelism);
        }
    }
}
