package dev.quarry.automl.experiment;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.TrialState;
import dev.quarry.runner.trial.TrialResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides, after each finished trial, whether the experiment should stop starting trials.
 * Not thread-safe: the experiment loop's thread owns it.
 *
 * <p>Stagnation counts finished trials (completed or failed) since the best score last improved.
 * Failures count towards {@link #MAX_CONSECUTIVE_FAILURES} only when nothing succeeded in between.
 */
final class ExitCriteria {

    /** Consecutive failed trials after which the experiment gives up. */
    static final int MAX_CONSECUTIVE_FAILURES = 25;

    /** Estimated cost of scoring one validation row of one candidate in one ensemble round (a metric pass). */
    static final long ENSEMBLE_NANOS_PER_ROW = 100;

    private final Direction direction;
    private final Integer maxTrials;
    private final Double exitScore;
    private final Integer stagnation;
    private int finished;
    private int sinceImprovement;
    private int consecutiveFailures;
    private double best = Double.NaN;

    ExitCriteria(Direction direction, Integer maxTrials, Double exitScore, Integer stagnation) {
        this.direction = direction;
        this.maxTrials = maxTrials;
        this.exitScore = exitScore;
        this.stagnation = stagnation;
    }

    /**
     * @param result a trial that just finished (cancelled trials are not passed here)
     * @return whether it is a new best
     */
    boolean record(TrialResult result) {
        finished++;
        boolean improved = result.state() == TrialState.COMPLETED && direction.isBetter(result.score(), best);
        if (improved) {
            best = result.score();
            sinceImprovement = 0;
        } else {
            sinceImprovement++;
        }
        consecutiveFailures = result.state() == TrialState.FAILED ? consecutiveFailures + 1 : 0;
        return improved;
    }

    /** @return the reason to stop now, if any */
    Optional<StopReason> check() {
        if (exitScore != null && !Double.isNaN(best) && !direction.isBetter(exitScore, best)) {
            return Optional.of(StopReason.EXIT_SCORE);
        }
        if (maxTrials != null && finished >= maxTrials) {
            return Optional.of(StopReason.MAX_TRIALS);
        }
        if (stagnation != null && sinceImprovement >= stagnation) {
            return Optional.of(StopReason.STAGNATION);
        }
        if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
            return Optional.of(StopReason.TOO_MANY_FAILURES);
        }
        return Optional.empty();
    }

    /** @return the best score so far, NaN if none */
    double best() {
        return best;
    }

    /**
     * How long to keep for the final refit: the best trial's per-fold fit time scaled to all rows,
     * with a safety factor, plus a fixed allowance for featurizing and writing the artifact; before
     * any trial finished, a share of the budget.
     *
     * @param budget the whole time budget
     * @param bestFitSeconds the best trial's total fit seconds over its folds, NaN if none
     * @param folds how many fits that total covers
     * @param foldRowShare the share of all rows one fold trains on, e.g. 0.8 for 5-fold CV
     * @return the reserve, at most half the budget
     */
    static Duration refitReserve(Duration budget, double bestFitSeconds, int folds, double foldRowShare) {
        double seconds = Double.isNaN(bestFitSeconds) ? 2.0 + 0.05 * budget.toMillis() / 1000.0
                : REFIT_ALLOWANCE_SECONDS + refitSeconds(bestFitSeconds, folds, foldRowShare);
        long millis = (long) Math.min(seconds * 1000, budget.toMillis() / 2.0);
        return Duration.ofMillis(millis);
    }

    /**
     * The time the search leaves for the final fit. Without ensembles, the best trial's refit
     * ({@link #refitReserve}, up to half the budget). With them, refitting the kept trials
     * ({@link #ensembleRefitReserve}) or the best one, whichever is longer, but at most
     * {@value #ENSEMBLE_REFIT_SHARE} of the budget plus the fixed {@value #REFIT_ALLOWANCE_SECONDS} s
     * (short budgets need it: a 4 s run on iris ended at 5.3 s without it): a refit that cannot finish
     * ships the trial's fold models instead, while the half-budget reserve of one slow best trial stopped searches early
     * (electricity at 2 minutes: an XGBoost trial of 22.6 s became the best at 78 s, the search
     * stopped at 79 s and the run ended at 94.5 s of 120).
     *
     * @param budget the whole time budget
     * @param bestFitSeconds the best trial's total fit seconds over its folds, NaN if none
     * @param keptFitSeconds the kept trials' total fit seconds over their folds, summed
     * @param folds how many fits each trial's total covers
     * @param foldRowShare the share of all rows one fold trains on
     * @param ensembles whether ensembles are built after the search
     * @return the reserve
     */
    static Duration finalFitReserve(Duration budget, double bestFitSeconds, double keptFitSeconds, int folds,
            double foldRowShare, boolean ensembles) {
        Duration single = refitReserve(budget, bestFitSeconds, folds, foldRowShare);
        if (!ensembles) {
            return single;
        }
        Duration ensemble = ensembleRefitReserve(budget, keptFitSeconds, folds, foldRowShare);
        Duration cap = Duration.ofMillis((long) (budget.toMillis() * ENSEMBLE_REFIT_SHARE + 1000 * REFIT_ALLOWANCE_SECONDS));
        Duration singleCapped = single.compareTo(cap) > 0 ? cap : single;
        return ensemble.compareTo(singleCapped) > 0 ? ensemble : singleCapped;
    }

    /** Seconds every refit reserve adds for featurizing and writing the artifact, beyond the fits. */
    static final double REFIT_ALLOWANCE_SECONDS = 1.0;

    /** The largest share of the budget {@link #ensembleRefitReserve} keeps. */
    static final double ENSEMBLE_REFIT_SHARE = 0.1;

    /**
     * How long to keep for refitting an ensemble's members once on all rows, which keeps its
     * artifact near the size of its members instead of all their fold models: every kept trial (any
     * of them may be picked) refitted one after another, each its per-fold fit time scaled to all rows
     * with a safety factor, plus a fixed allowance; at most {@value #ENSEMBLE_REFIT_SHARE} of the
     * budget. Members that do not fit in it are shipped as their fold models, heaviest refitted first.
     *
     * @param budget the whole time budget
     * @param keptFitSeconds the kept trials' total fit seconds over their folds, summed
     * @param folds how many fits each trial's total covers
     * @param foldRowShare the share of all rows one fold trains on
     * @return the reserve
     */
    static Duration ensembleRefitReserve(Duration budget, double keptFitSeconds, int folds, double foldRowShare) {
        double seconds = REFIT_ALLOWANCE_SECONDS + refitSeconds(keptFitSeconds, folds, foldRowShare);
        return Duration.ofMillis((long) Math.min(seconds * 1000, budget.toMillis() * ENSEMBLE_REFIT_SHARE));
    }

    /**
     * Fits over folds scaled to one fit on all rows, with a safety factor of 1.5: what the search
     * keeps free for a refit.
     *
     * @param fitSeconds total fit seconds over the folds
     * @param folds how many fits the total covers
     * @param foldRowShare the share of all rows one fold trains on
     * @return the seconds to keep for one refit on all rows
     */
    static double refitSeconds(double fitSeconds, int folds, double foldRowShare) {
        return 1.5 * expectedRefitSeconds(fitSeconds, folds, foldRowShare);
    }

    /**
     * Fits over folds scaled to one fit on all rows, without a safety factor: whether a refit is worth
     * starting with the time left. A refit that runs out of time is cancelled at the deadline, so
     * starting one that might not finish costs no budget, while skipping one that would have finished
     * ships fold models for nothing (on electricity an ensemble's main member, padded to 37 s, was
     * skipped with 36 s left; the final phase then ended with 25 s unused).
     *
     * @param fitSeconds total fit seconds over the folds
     * @param folds how many fits the total covers
     * @param foldRowShare the share of all rows one fold trains on
     * @return the expected seconds of one refit on all rows
     */
    static double expectedRefitSeconds(double fitSeconds, int folds, double foldRowShare) {
        return (fitSeconds / folds) / foldRowShare;
    }

    /**
     * How long to keep for ensemble selection after the search: the greedy rounds score every
     * candidate on every validation row per round (about {@link #ENSEMBLE_NANOS_PER_ROW} each), once
     * on all folds and once more per nesting unit (each fold, or the parts of a single fold) on
     * nearly all of them for the nested score; the chosen ensemble's predict latency is then measured
     * (about 0.2 s). At most 5% of the budget: with a budget of a few seconds the search needs the
     * time more than the ensemble does.
     *
     * @param budget the whole time budget
     * @param candidates the trials it chooses from
     * @param rounds its greedy rounds
     * @param validationRows the validation rows of all folds together
     * @param folds the experiment's folds
     * @return the reserve
     */
    static Duration ensembleReserve(Duration budget, int candidates, int rounds, long validationRows, int folds) {
        return Duration.ofNanos((long) Math.min(ensembleNanos(candidates, rounds, validationRows, folds),
                budget.toNanos() * ENSEMBLE_SHARE));
    }

    /** The most of the budget {@link #ensembleReserve} keeps. */
    static final double ENSEMBLE_SHARE = 0.05;

    private static double ensembleNanos(int candidates, int rounds, long validationRows, int folds) {
        int selections = 1 + (folds > 1 ? folds : EnsembleSelection.HOLDOUT_PARTS);
        return 0.2e9 + (double) ENSEMBLE_NANOS_PER_ROW * candidates * rounds * validationRows * selections;
    }

    /**
     * How many candidates ensemble selection can choose from within its reserve's cap
     * ({@link #ENSEMBLE_SHARE} of the budget), by the same estimate as {@link #ensembleReserve}: on
     * large data the pool is trimmed so that selection does not run past the budget.
     *
     * @param budget the whole time budget
     * @param rounds its greedy rounds
     * @param validationRows the validation rows of all folds together
     * @param folds the experiment's folds
     * @return the most candidates that fit, at least 0
     */
    static int affordableCandidates(Duration budget, int rounds, long validationRows, int folds) {
        double perCandidate = ensembleNanos(1, rounds, validationRows, folds) - 0.2e9;
        double room = budget.toNanos() * ENSEMBLE_SHARE - 0.2e9;
        return perCandidate <= 0 ? Integer.MAX_VALUE : (int) Math.max(0, Math.min(Integer.MAX_VALUE, room / perCandidate));
    }

    /** Estimated cost of one multiply-add of a stacking meta-learner's Newton step, on a busy 2-core machine. */
    static final double STACKING_NANOS_PER_OP = 3;

    /**
     * How long to keep for stacking after the greedy ensemble: {@link Stacking}'s nested
     * cross-fitting fits its meta-learner about {@code (units + 1) * (penalties * innerFolds + 1)} times, each some Newton steps over at most {@link Stacking#MAX_FIT_ROWS}
     * rows costing {@code classes * candidates^2 + (candidates + classes)^2} multiply-adds per row,
     * and then measures its predict latency (about 0.2 s). At most 5% of the budget; stacking gives up
     * when it runs past its reserve.
     *
     * @param budget the whole time budget
     * @param candidates the trials it stacks
     * @param folds the experiment's folds
     * @param validationRows the validation rows of all folds together
     * @param classes the number of classes, 0 for regression
     * @return the reserve
     */
    static Duration stackingReserve(Duration budget, int candidates, int folds, long validationRows, int classes) {
        int units = folds > 1 ? folds : Stacking.HOLDOUT_PARTS;
        int penalties = Stacking.PENALTIES.length;
        double fits = (units + 1.0) * (penalties * Math.min(Stacking.INNER_FOLDS, units - 1) + 1);
        double rows = Math.min(Stacking.MAX_FIT_ROWS, validationRows);
        int k = Math.max(1, classes);
        double perRow = k * (double) candidates * candidates + Math.pow(candidates + k, 2);
        double newtonSteps = classes > 0 ? 8 : 1;
        double nanos = 0.2e9 + STACKING_NANOS_PER_OP * fits * newtonSteps * rows * perRow;
        return Duration.ofNanos((long) Math.min(nanos, budget.toNanos() * 0.05));
    }

    /**
     * @param now the time now
     * @param deadline when the search must stop
     * @return whether the search deadline has passed
     */
    static boolean past(Instant now, Instant deadline) {
        return deadline != null && !now.isBefore(deadline);
    }
}
