package dev.quarry.automl.experiment;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.learner.TrainingData;
import dev.quarry.automl.pipeline.DeploymentCost;
import dev.quarry.automl.pipeline.PipelineMember;
import dev.quarry.featurize.guardrails.ClassBalance;
import dev.quarry.featurize.transform.Featurizer;
import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.runner.trial.Evaluation;
import dev.quarry.runner.trial.TrialEvaluator;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.automl.config.SchedulerSpec.ResourceKind;
import dev.quarry.search.Seeds;
import dev.quarry.search.space.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scores one configuration by cross-validation (or holdout): for each fold, the featurizer is fitted
 * on that fold's training rows only, the learner is fitted on their features and scored on the
 * fold's validation rows. A task with a resource share below 1 (a scheduler's rung) fits on that
 * share of the iterations for iterative learners, or else on that share of each fold's training
 * rows (see {@link TrialResources}); validation rows are always all of the fold's. The trial's
 * score is the mean of the per-fold primary metric; every metric of the task is averaged the same
 * way, and {@code <metric>_std} records the spread across folds. The first fold's model is also
 * timed on single validation rows and its size measured ({@link DeploymentCost}), so the
 * leaderboard can show what deploying the configuration costs.
 *
 * <p>Featurized folds are cached per fold and featurization choice (scaling, and the searched
 * encoding and text choices): a featurizer is a deterministic
 * function of the training rows, so sharing it between trials changes no result. Thread-safe.
 */
public final class CrossValidationEvaluator implements TrialEvaluator {

    private final List<Fold> folds;
    private final Map<String, Learner> learners;
    private final Metric metric;
    private final FeaturizerSpec featurizerSpec;
    private final FoldSink retained;
    private final Map<String, FoldMatrices> featurized = new ConcurrentHashMap<>();
    private final ResourceKind resourceKind;

    /**
     * @param folds the splits, shared by all trials
     * @param learners the learners that may appear in params, by name
     * @param metric the primary metric
     * @param featurizerSpec the featurization; scaling is switched on per learner that needs it. Target
     *     encoding sees only each fold's training rows, and those out-of-fold over inner folds
     * @param retained where fold models and validation predictions are offered (refit fallback, ensemble), or null
     */
    CrossValidationEvaluator(List<Fold> folds, Map<String, Learner> learners, Metric metric,
            FeaturizerSpec featurizerSpec, FoldSink retained) {
        this(folds, learners, metric, featurizerSpec, retained, ResourceKind.AUTO);
    }

    /**
     * @param folds the splits, shared by all trials
     * @param learners the learners that may appear in params, by name
     * @param metric the primary metric
     * @param featurizerSpec the featurization
     * @param retained where fold models and validation predictions are offered, or null
     * @param resourceKind what a task's resource share scales (rows or iterations)
     */
    CrossValidationEvaluator(List<Fold> folds, Map<String, Learner> learners, Metric metric,
            FeaturizerSpec featurizerSpec, FoldSink retained, ResourceKind resourceKind) {
        this.resourceKind = resourceKind;
        this.folds = List.copyOf(folds);
        this.learners = Map.copyOf(learners);
        this.metric = metric;
        this.featurizerSpec = featurizerSpec;
        this.retained = retained;
    }

    @Override
    public Evaluation evaluate(TrialTask task) throws Exception {
        Learner learner = learners.get(task.params().learner());
        if (learner == null) {
            throw new IllegalArgumentException("no learner " + task.params().learner() + " in this experiment");
        }
        boolean scale = learner.capabilities().contains(Capability.NEEDS_SCALING);
        double share = Double.isNaN(task.resource()) ? 1 : task.resource();
        var iterations = learner.iterationsParameter().filter(n -> share < 1 && resourceKind != ResourceKind.ROWS);
        Params params = iterations.map(n -> TrialResources.scaleIterations(task.params(), n, share)).orElse(task.params());
        boolean byRows = share < 1 && iterations.isEmpty() && resourceKind != ResourceKind.ITERATIONS;
        var perFold = new ArrayList<Map<String, Double>>();
        var members = new ArrayList<PipelineMember>();
        var predictions = new ArrayList<Predictions>();
        double fitSeconds = 0;
        for (int f = 0; f < folds.size(); f++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("trial " + task.number() + " interrupted before fold " + f);
            }
            long start = System.nanoTime();
            Fold fold = folds.get(f);
            FoldMatrices m = featurize(f, FeaturizeChoices.apply(featurizerSpec.withScale(scale), task.params()));
            var data = new TrainingData(m.train(), fold.trainTarget(), classWeights(learner, fold.trainTarget()));
            if (byRows) {
                data = TrialResources.subsample(data, share, f);
            }
            FittedModel model = learner.fit(data, params, Seeds.mix(task.seed(), f));
            fitSeconds += (System.nanoTime() - start) / 1e9;
            Predictions p = model.predict(m.test().rows());
            int bad = p.firstNonFiniteRow();
            if (bad >= 0) {
                // A NaN score would poison the search history and every comparison; the trial fails instead.
                throw new IllegalStateException(String.format(java.util.Locale.ROOT, "%s predicted a non-finite value "
                        + "for validation row %d of fold %d: the fit diverged (for example, too high a learning rate)",
                        learner.name(), bad, f));
            }
            perFold.add(Metric.computeAll(fold.testTarget(), p));
            predictions.add(p);
            members.add(new PipelineMember(m.featurizer(), model, 1.0));
        }
        if (retained != null) {
            retained.offer(task.number(), members, predictions);
        }
        Map<String, Double> metrics = average(perFold);
        // one fold model stands for what the refit would deploy: same learner, params and features
        metrics.putAll(DeploymentCost.measure(List.of(members.getFirst()), folds.getFirst().testFeatures()).asMetrics());
        return new Evaluation(metrics.get(metric.id()), metrics, fitSeconds);
    }

    /** Balancing class weights for learners that take them, when the training rows are imbalanced. */
    static int[] classWeights(Learner learner, dev.quarry.featurize.table.Target target) {
        return learner.capabilities().contains(Capability.CLASS_WEIGHTS) ? ClassBalance.weights(target) : null;
    }

    private Map<String, Double> average(List<Map<String, Double>> perFold) {
        return FoldMetrics.summarise(perFold, metric);
    }

    private FoldMatrices featurize(int f, FeaturizerSpec spec) {
        String key = f + ":" + spec.scale() + ":" + spec.highCardinality() + ":" + spec.textBuckets();
        return featurized.computeIfAbsent(key, k -> {
            Fold fold = folds.get(f);
            var featurized = Featurizer.fitTransform(fold.trainFeatures(), fold.trainTarget(), spec);
            return new FoldMatrices(featurized.featurizer(), featurized.train(),
                    featurized.featurizer().transform(fold.testFeatures()));
        });
    }
}
