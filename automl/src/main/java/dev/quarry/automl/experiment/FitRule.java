package dev.quarry.automl.experiment;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.evaluation.Split;
import dev.quarry.automl.evaluation.Splits;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.PipelineMember;
import dev.quarry.search.Seeds;
import dev.quarry.search.space.Params;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decides how the shipped configuration is fitted: refitted once on all training rows, or kept as the
 * average of its fold models, whichever the metric favours, measured one level down, where both can
 * be scored on rows neither saw. On fold 0, the configuration's fold model (fitted on all of fold 0's
 * training rows, as a refit is fitted on all rows) is compared with the average of
 * {@value #SUB_FOLDS} models fitted on the sub-folds of those rows (as the fold models are fitted on
 * the folds of all rows), both scored on fold 0's validation rows. The fold models are kept only if
 * their average scores better by more than one standard error of the configuration's cross-validated
 * score (its fold standard deviation over the square root of the number of folds); otherwise the
 * configuration is refitted: a difference inside fold noise does not pay for shipping k models instead
 * of one (the one-standard-error rule of Breiman et al. 1984, as {@code preferSmallerModels} uses). With a single validation fold the fold model is one model on fewer
 * rows, so the rule is to refit without measuring. The measurement costs {@value #SUB_FOLDS} fits on
 * two thirds of fold 0's training rows (about as much as the refit, beside which it runs); with
 * fewer sub-folds than folds, each sub-fold model sees a smaller share of its rows than a fold model
 * does, which leans the rule towards the refit (the smaller, faster model) when the two are close.
 */
final class FitRule {

    /** Sub-folds of fold 0's training rows whose models are averaged. */
    static final int SUB_FOLDS = 3;

    /** How the shipped configuration is fitted. */
    enum Fit {
        /** One model on all training rows. */
        REFIT,
        /** The fold models, averaged. */
        FOLD_MODELS
    }

    /**
     * @param fit the choice
     * @param refitScore the metric of fold 0's model fitted on all its training rows (NaN if not measured)
     * @param foldAverageScore the metric of the average of its sub-fold models (NaN if not measured)
     * @param reason the rule's statement, for the leaderboard and the model
     */
    record Decision(Fit fit, double refitScore, double foldAverageScore, String reason) {
    }

    private FitRule() {
    }

    /** @return the decision when there is one validation fold */
    static Decision singleFold() {
        return new Decision(Fit.REFIT, Double.NaN, Double.NaN, "one validation fold: its fold model saw fewer rows");
    }

    /**
     * @param reason why nothing was measured
     * @return the default decision, refit
     */
    static Decision unmeasured(String reason) {
        return new Decision(Fit.REFIT, Double.NaN, Double.NaN, "refit by default: " + reason);
    }

    /**
     * Measures the rule for one configuration.
     *
     * @param experiment the experiment (its folds, metric and featurization); at least two folds
     * @param learner the configuration's learner
     * @param params its params
     * @param seed its trial seed
     * @param fold0 its fold model's predictions on fold 0's validation rows
     * @param standardError the standard error of its cross-validated score (0 if unknown)
     * @return the decision
     * @throws Exception when the learner fails on a sub-fold
     */
    static Decision measure(ResolvedExperiment experiment, Learner learner, Params params, long seed, Predictions fold0,
            double standardError) throws Exception {
        Fold fold = experiment.folds().getFirst();
        Metric metric = experiment.metric();
        int rows = fold.trainTarget().size();
        int k = Math.min(SUB_FOLDS, rows);
        long splitSeed = Seeds.mix(seed, 0xF17);
        List<Split> splits = fold.trainTarget().task().isClassification()
                ? Splits.stratifiedKFold(fold.trainTarget(), k, splitSeed) : Splits.kFold(rows, k, splitSeed);
        var parts = new ArrayList<Predictions>();
        for (int s = 0; s < splits.size(); s++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("the fit rule's measurement was stopped");
            }
            int[] train = splits.get(s).train();
            PipelineMember m = Refit.onRows(experiment, fold.trainFeatures().select(train), fold.trainTarget().select(train),
                    learner, params, Seeds.mix(seed, 100 + s));
            parts.add(m.model().predict(m.featurizer().transform(fold.testFeatures()).rows()));
        }
        double[] weights = new double[parts.size()];
        Arrays.fill(weights, 1);
        double average = metric.compute(fold.testTarget(), Predictions.blend(parts, weights));
        double single = metric.compute(fold.testTarget(), fold0);
        double se = Double.isFinite(standardError) ? standardError : 0;
        boolean folds = metric.direction().toLoss(average) + se < metric.direction().toLoss(single);
        String reason = String.format(Locale.ROOT, "on fold 0, %s %.4f for the model on all its rows vs %.4f for the "
                + "average of %d sub-fold models, one standard error %.4f: %s", metric.id(), single, average, splits.size(),
                se, folds ? "the average scores better by more, so the fold models are kept"
                        : "no better by more than that, so refit");
        return new Decision(folds ? Fit.FOLD_MODELS : Fit.REFIT, single, average, reason);
    }
}
