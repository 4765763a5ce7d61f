package dev.quarry.automl.config;

/** The rules of rung and interval parameters, shared by the scheduler and policy specs so messages agree. */
final class SearchRules {

    private SearchRules() {
    }

    static void ladder(double minResource, double maxResource, double reductionFactor) {
        if (!(minResource > 0 && minResource <= 1)) {
            throw new InvalidValueException("minResource", "`minResource` must be in (0, 1], got " + minResource);
        }
        if (!(maxResource >= minResource && maxResource <= 1)) {
            throw new InvalidValueException("maxResource", "`maxResource` must be in [minResource, 1], got "
                    + maxResource + " with minResource " + minResource);
        }
        if (!(reductionFactor > 1) || !Double.isFinite(reductionFactor)) {
            throw new InvalidValueException("reductionFactor", "`reductionFactor > 1` must hold, got " + reductionFactor);
        }
    }

    static void intervals(int evaluationInterval, int delayEvaluation) {
        if (evaluationInterval < 1) {
            throw new InvalidValueException("evaluationInterval", "`evaluationInterval >= 1` must hold, got " + evaluationInterval);
        }
        if (delayEvaluation < 0) {
            throw new InvalidValueException("delayEvaluation", "`delayEvaluation >= 0` must hold, got " + delayEvaluation);
        }
    }
}
