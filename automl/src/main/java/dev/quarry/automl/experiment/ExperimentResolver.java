package dev.quarry.automl.experiment;

import dev.quarry.automl.config.ClusterExecutorSpec;
import dev.quarry.automl.config.ConfigException;
import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.config.LocalExecutorSpec;
import dev.quarry.automl.config.ProcessExecutorSpec;
import dev.quarry.automl.evaluation.Metric;
import dev.quarry.automl.evaluation.Split;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.featurize.guardrails.Guardrails;
import dev.quarry.featurize.profile.Profiler;
import dev.quarry.featurize.profile.TableProfile;
import dev.quarry.featurize.table.LabelledTable;
import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.featurize.table.Task;
import dev.quarry.search.Seeds;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a validated config and loaded data into a {@link ResolvedExperiment}: decides the task, the
 * metric, the learners and their spaces, and the validation splits. Pure apart from reading the
 * catalog: the same config and data give the same result.
 */
public final class ExperimentResolver {

    private ExperimentResolver() {
    }

    /**
     * @param id the experiment id to give it
     * @param config the validated config
     * @param source the config file's name, for messages
     * @param data the loaded data
     * @param catalog the learner catalog
     * @return the resolved experiment
     * @throws ConfigException if the metric or a learner name does not fit the task or the catalog
     */
    public static ResolvedExperiment resolve(String id, ExperimentConfig config, String source, ExperimentData data,
            LearnerCatalog catalog) {
        Task task = data.train().target().task();
        Metric metric = resolveMetric(config, task, source);
        List<Learner> learners = resolveLearners(config, task, data.train().target().size(), catalog, source);
        var folds = new ArrayList<Fold>();
        String validation;
        double share;
        int foldRows;
        int planFolds = 1;
        double heldOut = 1.0;
        LabelledTable train = data.train();
        int rows = train.target().size();
        long splitSeed = Seeds.mix(config.seed(), 0x5EED);
        if (data.validation() != null) {
            folds.add(new Fold(train.features(), train.target(), data.validation().features(), data.validation().target()));
            validation = "the validation file (" + data.validation().target().size() + " rows)";
            share = 1.0;
            foldRows = rows;
        } else {
            var plan = ValidationSplits.plan(config.validation(), train, splitSeed, source);
            validation = plan.description();
            double trainRows = 0;
            double testRows = 0;
            foldRows = rows;
            for (Split s : plan.splits()) {
                folds.add(new Fold(train.features().select(s.train()), train.target().select(s.train()),
                        train.features().select(s.test()), train.target().select(s.test()), s.test()));
                trainRows += s.train().length;
                testRows += s.test().length;
                foldRows = Math.min(foldRows, s.train().length);
            }
            share = trainRows / plan.splits().size() / rows;
            heldOut = testRows / plan.splits().size() / rows;
            // folds per partition (k for k-fold, repeated or not); one for a holdout
            planFolds = plan.splits().size() > 1 ? (int) Math.round(1 / heldOut) : 1;
        }
        var overrides = new java.util.LinkedHashMap<>(config.featurize().columns());
        overrides.keySet().retainAll(train.features().columnNames());
        TableProfile profile = Profiler.profile(train.features(), overrides);
        // the smallest fold (a time split's first) bounds row-dependent ranges such as k-NN's k
        var spaces = new ArrayList<LearnerSpace>();
        for (Learner l : learners) {
            spaces.add(FeaturizeChoices.extend(l.space(task, foldRows), config.featurize(), profile));
        }
        int parallelism = switch (config.executor()) {
            case LocalExecutorSpec local -> local.parallelism();
            case ProcessExecutorSpec process -> process.workers();
            // Workers come and go; the executor's capacity follows them.
            case ClusterExecutorSpec cluster -> 1;
        };
        if (config.executor() instanceof ClusterExecutorSpec && data.validation() != null) {
            throw new ConfigException(source, "$.data.validation", "a separate validation file is not sent to cluster "
                    + "workers; use validation: {type: holdout} or {type: kfold} with executor type cluster");
        }
        FeaturizerSpec spec = config.featurize().spec(config.seed()).withProfile(profile);
        var guardrails = Guardrails.run(train, data.validation(), profile, spec,
                new Guardrails.ValidationPlan(planFolds, heldOut, validation));
        return new ResolvedExperiment(id, config, task, metric, learners, new SearchSpace(spaces), folds, validation,
                share, config.budget().maxDuration(), config.budget().trialTimeout(), parallelism, profile, spec, guardrails);
    }

    private static Metric resolveMetric(ExperimentConfig config, Task task, String source) {
        if (config.metric() == null) {
            return Metric.defaultFor(task);
        }
        Metric metric;
        try {
            metric = Metric.parse(config.metric());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, "$.metric", e.getMessage());
        }
        if (!metric.supports(task)) {
            throw new ConfigException(source, "$.metric", "metric " + metric.id() + " does not apply to a "
                    + task.name().toLowerCase() + " task; use one of " + Metric.forTask(task).stream().map(Metric::id).toList());
        }
        return metric;
    }

    /**
     * The learners an experiment searches: the catalog's for the task, cheapest first, narrowed by
     * {@code learners} and {@code blockedLearners}, without those whose row cap the training rows exceed.
     *
     * @throws ConfigException naming the field when a name is unknown or no learner is left
     */
    static List<Learner> resolveLearners(ExperimentConfig config, Task task, int rows, LearnerCatalog catalog,
            String source) {
        checkNames(config.learners(), "$.learners", catalog, source);
        checkNames(config.blockedLearners(), "$.blockedLearners", catalog, source);
        var out = new ArrayList<Learner>();
        // Cheapest first: samplers that try each learner's defaults first then have a model within seconds.
        var candidates = catalog.forTask(task).stream()
                .sorted(java.util.Comparator.comparingDouble(Learner::costHint).thenComparing(Learner::name)).toList();
        for (Learner l : candidates) {
            boolean allowed = config.learners() == null || config.learners().contains(l.name());
            boolean blocked = config.blockedLearners() != null && config.blockedLearners().contains(l.name());
            // a row cap is a property of the algorithm (kernel methods), so it applies even when named
            boolean fits = rows <= l.maxRows();
            if (allowed && !blocked && fits) {
                out.add(l);
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(source, "$.learners", "no learner is left for a " + task.name().toLowerCase()
                    + " task; learners for it: " + catalog.forTask(task).stream().map(Learner::name).toList()
                    + "; left out for having more than their row cap of training rows (" + rows + "): "
                    + catalog.forTask(task).stream().filter(l -> rows > l.maxRows()).map(Learner::name).toList());
        }
        return out;
    }

    private static void checkNames(List<String> names, String path, LearnerCatalog catalog, String source) {
        if (names == null) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            var learner = catalog.find(names.get(i));
            if (learner.isEmpty()) {
                throw new ConfigException(source, path + "[" + i + "]", "unknown learner " + names.get(i)
                        + "; known learners: " + catalog.names());
            }
            if (path.equals("$.learners") && learner.get().unavailableReason().isPresent()) {
                throw new ConfigException(source, path + "[" + i + "]", names.get(i) + " cannot run on this machine: "
                        + learner.get().unavailableReason().get());
            }
        }
    }
}
