package dev.quarry.search.scheduler;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import java.util.List;

/**
 * Azure HyperDrive's bandit policy: stops a trial whose score is not within a slack of the best
 * score at the same interval.
 *
 * <p>At an interval i where the policy applies (see {@link StoppingPolicy}), let Y be the trial's
 * score at interval i and B the best score any trial (this one included) reported at its interval
 * i. With a slack factor f, the trial stops iff {@code Y · (1 + f) < B} when larger is better, or
 * {@code Y / (1 + f) > B} when smaller is better. With a slack amount a, it stops iff
 * {@code Y + a < B} (larger better) or {@code Y − a > B} (smaller better). Equality never stops.
 * HyperDrive's example: f = 0.2, best AUC 0.8: a trial with AUC 0.66 stops (0.792 < 0.8), one with
 * 0.67 goes on (0.804). The factor form assumes positive scores (as HyperDrive's does); use an
 * amount for metrics that can be negative.
 *
 * @param slackFactor the relative slack, {@code > 0}, or NaN when {@code slackAmount} is used
 * @param slackAmount the absolute slack, {@code >= 0}, or NaN when {@code slackFactor} is used
 * @param evaluationInterval how often the policy applies, at least 1
 * @param delayEvaluation the first interval it may apply at, at least 0
 */
public record BanditPolicy(double slackFactor, double slackAmount, int evaluationInterval, int delayEvaluation)
        implements StoppingPolicy {

    /** Validates: exactly one of the slacks is set. */
    public BanditPolicy {
        if (Double.isNaN(slackFactor) == Double.isNaN(slackAmount)) {
            throw new IllegalArgumentException("exactly one of slackFactor and slackAmount must be set, got slackFactor="
                    + slackFactor + ", slackAmount=" + slackAmount);
        }
        if (!Double.isNaN(slackFactor) && !(slackFactor > 0 && Double.isFinite(slackFactor))) {
            throw new IllegalArgumentException("`slackFactor > 0` must hold, got " + slackFactor);
        }
        if (!Double.isNaN(slackAmount) && !(slackAmount >= 0 && Double.isFinite(slackAmount))) {
            throw new IllegalArgumentException("`slackAmount >= 0` must hold, got " + slackAmount);
        }
        StoppingPolicy.validate(evaluationInterval, delayEvaluation);
    }

    @Override
    public boolean fallsBehind(SearchHistory history, List<Observation> own) {
        int interval = own.size();
        int trial = own.getLast().trial();
        double y = own.getLast().score();
        Direction d = history.direction();
        double best = y;
        for (Observation o : StoppingPolicy.atInterval(history, interval)) {
            if (d.isBetter(o.score(), best)) {
                best = o.score();
            }
        }
        boolean larger = d == Direction.MAXIMIZE;
        if (!Double.isNaN(slackFactor)) {
            return larger ? y * (1 + slackFactor) < best : y / (1 + slackFactor) > best;
        }
        return larger ? y + slackAmount < best : y - slackAmount > best;
    }
}
