package dev.quarry.automl.config;

/**
 * {@code type: grid}: every combination of each learner's hyperparameter values; the experiment
 * stops once the grid is exhausted.
 *
 * @param pointsPerAxis values per numeric hyperparameter (ends included, log-spaced where declared),
 *     in [1, 100]; default 3
 */
public record GridSamplerSpec(Integer pointsPerAxis) implements SamplerSpec {

    /** Applies the default and validates. */
    public GridSamplerSpec {
        pointsPerAxis = pointsPerAxis == null ? 3 : pointsPerAxis;
        if (pointsPerAxis < 1 || pointsPerAxis > 100) {
            throw new InvalidValueException("pointsPerAxis", "`pointsPerAxis` must be in [1, 100], got " + pointsPerAxis);
        }
    }
}
