package dev.quarry.automl.experiment;

import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineInfo;
import dev.quarry.automl.pipeline.PipelineMember;
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.runner.store.RunStore;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.Seeds;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fits the model to ship, within the time left: the child run the final choice picked, fitted as
 * {@link FitRule} decides: a configuration refitted on all training rows or its fold models (and,
 * when the refit fails or cannot finish before the deadline, its fold models); an ensemble built by
 * {@link EnsembleBuilder} with each member refitted once or as its fold models. Used once, on the
 * loop's thread.
 */
final class FinalModel {

    /** Kept free at the end of the budget for writing the artifact, closing the store and writing the final report. */
    static final Duration WRITE_MARGIN = Duration.ofMillis(700).plus(LiveReport.FINAL_WRITE_MARGIN);

    private final ResolvedExperiment experiment;
    private final ExperimentData data;
    private final RunStore store;
    private final InstantSource clock;
    private final ExperimentListener listener;
    private final Map<String, String> libraryVersions;
    private FitRule.Decision decision;

    FinalModel(ResolvedExperiment experiment, ExperimentData data, RunStore store, InstantSource clock,
            ExperimentListener listener, Map<String, String> libraryVersions) {
        this.experiment = experiment;
        this.data = data;
        this.store = store;
        this.clock = clock;
        this.listener = listener;
        this.libraryVersions = Map.copyOf(libraryVersions);
    }

    /** @return how the last shipped model's fit was decided ({@link FitRule}), if it was */
    Optional<FitRule.Decision> decision() {
        return Optional.ofNullable(decision);
    }

    /**
     * Fits the best configuration the way {@link FitRule} favours, within the time left: refitted on
     * all training rows (while the rule is measured beside it), or its fold models. Falls back to
     * the fold models if the refit fails or cannot finish in time.
     */
    Optional<Pipeline> refit(TrialResult best, RetainedModels retained, Instant deadline, boolean cancelled) {
        var learner = learner(best);
        int rows = data.train().target().size();
        if (cancelled) {
            // The user asked to stop now: ship what is already fitted instead of starting a refit.
            return retained.foldModels(best.number()).map(folds -> pipeline(best, learner.name(), folds,
                    "average of the " + folds.size() + " fold models (cancelled before the refit)"));
        }
        listener.phase("refitting trial " + best.number() + " (" + learner.name() + ") on all " + rows + " rows");
        var refit = async("quarry-refit", () -> List.of(Refit.onAllRows(experiment, data, learner, best.params(),
                Seeds.mix(best.seed(), experiment.folds().size()))));
        Optional<Candidate> kept = retained.all().stream().filter(c -> c.trial() == best.number()).findFirst();
        decision = decide(best, kept, deadline);
        if (decision.fit() == FitRule.Fit.FOLD_MODELS) {
            refit.cancel(true);
            List<PipelineMember> folds = kept.orElseThrow().foldModels();
            return Optional.of(pipeline(best, learner.name(), folds, "average of the " + folds.size() + " fold models ("
                    + decision.reason() + ")"));
        }
        List<PipelineMember> members;
        String fit;
        try {
            members = refit.get(Math.max(1, millisLeft(deadline)), TimeUnit.MILLISECONDS);
            fit = "refit on all " + rows + " training rows (" + decision.reason() + ")";
        } catch (TimeoutException | ExecutionException e) {
            refit.cancel(true);
            Optional<List<PipelineMember>> folds = retained.foldModels(best.number());
            if (folds.isEmpty()) {
                listener.phase("refit failed (" + rootMessage(e) + ") and no fold models were kept; no model saved");
                return Optional.empty();
            }
            members = folds.get();
            fit = "average of the " + members.size() + " fold models (refit "
                    + (e instanceof TimeoutException ? "would not finish within the time budget" : "failed: " + rootMessage(e)) + ")";
            decision = new FitRule.Decision(FitRule.Fit.FOLD_MODELS, decision.refitScore(), decision.foldAverageScore(),
                    "the refit " + (e instanceof TimeoutException ? "would not finish in time" : "failed"));
            listener.phase("using " + fit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(pipeline(best, learner.name(), members, fit));
    }

    /**
     * Measures {@link FitRule} for a kept configuration within the time left; refit when it cannot be
     * measured (one fold, not kept, out of time, a failure).
     */
    private FitRule.Decision decide(TrialResult trial, Optional<Candidate> kept, Instant deadline) {
        return await(startRule(trial, kept), deadline);
    }

    /** Starts measuring {@link FitRule} on its own thread, or gives the decision at once when there is nothing to measure. */
    private CompletableFuture<FitRule.Decision> startRule(TrialResult trial, Optional<Candidate> kept) {
        if (experiment.folds().size() < 2) {
            return CompletableFuture.completedFuture(FitRule.singleFold());
        }
        if (kept.isEmpty()) {
            return CompletableFuture.completedFuture(FitRule.unmeasured("its fold models were not kept"));
        }
        var learner = learner(trial);
        int folds = experiment.folds().size();
        double se = trial.metrics().getOrDefault(experiment.metric().id() + FoldMetrics.STD, 0.0) / Math.sqrt(folds);
        return async("quarry-fit-rule", () -> FitRule.measure(experiment, learner, trial.params(), trial.seed(),
                kept.get().foldPredictions().getFirst(), se));
    }

    private FitRule.Decision await(CompletableFuture<FitRule.Decision> probe, Instant deadline) {
        try {
            return probe.get(Math.max(1, millisLeft(deadline)), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            probe.cancel(true);
            return FitRule.unmeasured("measuring the rule would not finish within the time budget");
        } catch (ExecutionException e) {
            return FitRule.unmeasured("measuring the rule failed: " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FitRule.unmeasured("interrupted");
        }
    }

    /**
     * Applies {@link FitRule}, measured on the ensemble's heaviest member, to a whole ensemble: meanwhile
     * each member (heaviest first) is refitted once on all training rows while its estimated refit
     * time fits in the time left; when the rule favours a refit, those refits replace their members'
     * fold models (the others keep them), and otherwise they are dropped.
     * This is what keeps an ensemble's artifact near the size of its members instead of their folds.
     *
     * @param built the ensemble as scored (every member as its fold models)
     * @param deadline the experiment's deadline, or null
     * @return the ensemble to ship
     */
    EnsembleBuilder.Built compact(EnsembleBuilder.Built built, Instant deadline) {
        List<EnsembleBuilder.Group> groups = built.groups();
        EnsembleBuilder.Group heaviest = groups.stream().max(java.util.Comparator.comparingDouble(EnsembleBuilder.Group::importance)).orElseThrow();
        // the rule is measured while the members are refitted (refit is what it decides unless the
        // fold models' average is clearly better), so a short budget is not spent waiting for it
        var rule = startRule(trial(heaviest.candidate().trial()), Optional.of(heaviest.candidate()));
        Pipeline p = built.pipeline();
        var order = new ArrayList<>(groups);
        order.sort(java.util.Comparator.comparingDouble(EnsembleBuilder.Group::importance).reversed());
        var refitted = new java.util.HashMap<Integer, PipelineMember>();
        for (EnsembleBuilder.Group g : order) {
            TrialResult t = trial(g.candidate().trial());
            long estimate = (long) (1000 * (0.2 + ExitCriteria.expectedRefitSeconds(t.fitSeconds(),
                    Math.max(1, experiment.folds().size()),
                    Math.max(0.1, experiment.foldRowShare()))));
            if (deadline != null && millisLeft(deadline) < estimate) {
                continue;
            }
            var refit = async("quarry-refit", () -> Refit.onAllRows(experiment, data, learner(t), t.params(),
                    Seeds.mix(t.seed(), experiment.folds().size())));
            try {
                refitted.put(g.candidate().trial(), refit.get(Math.max(1, millisLeft(deadline)), TimeUnit.MILLISECONDS));
            } catch (TimeoutException | ExecutionException e) {
                refit.cancel(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        decision = await(rule, deadline);
        if (decision.fit() == FitRule.Fit.FOLD_MODELS) {
            return new EnsembleBuilder.Built(withFit(p, p.members(), p.stacker(), p.info().fit() + " (" + decision.reason() + ")"),
                    built.foldPredictions(), groups);
        }
        var members = new ArrayList<PipelineMember>();
        int[] sizes = new int[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            EnsembleBuilder.Group g = groups.get(i);
            PipelineMember one = refitted.get(g.candidate().trial());
            if (one != null) {
                members.add(new PipelineMember(one.featurizer(), one.model(), g.weight()));
                sizes[i] = 1;
            } else {
                for (PipelineMember m : g.candidate().foldModels()) {
                    members.add(new PipelineMember(m.featurizer(), m.model(), g.weight() / g.candidate().foldModels().size()));
                }
                sizes[i] = g.candidate().foldModels().size();
            }
        }
        var stacker = p.stacker() == null ? null
                : new dev.quarry.automl.pipeline.Stacker(sizes, p.stacker().weights(), p.stacker().biases());
        String how = refitted.size() + " of " + groups.size() + " members refitted once on all training rows"
                + (refitted.size() < groups.size() ? ", the others as their fold models (no time to refit them)" : "");
        String fit = p.info().fit().replace(", each as its fold models", "") + "; " + how + " (" + decision.reason() + ")";
        return new EnsembleBuilder.Built(withFit(p, members, stacker, fit), built.foldPredictions(), groups);
    }

    private Pipeline withFit(Pipeline p, List<PipelineMember> members, dev.quarry.automl.pipeline.Stacker stacker,
            String fit) {
        var i = p.info();
        var info = new PipelineInfo(i.formatVersion(), i.experimentId(), i.trial(), i.learner(), i.params(), i.task(),
                i.target(), i.classes(), i.inputColumns(), i.missingValues(), i.delimiter(), fit, i.metrics(), i.seed(),
                i.libraryVersions());
        return new Pipeline(info, members, stacker);
    }

    private dev.quarry.automl.learner.Learner learner(TrialResult trial) {
        return experiment.learners().stream().filter(l -> l.name().equals(trial.params().learner())).findFirst()
                .orElseThrow();
    }

    private TrialResult trial(int number) {
        return store.trials(experiment.id()).stream().filter(t -> t.number() == number).findFirst().orElseThrow();
    }

    private long millisLeft(Instant deadline) {
        return deadline == null ? Long.MAX_VALUE / 2 : Duration.between(clock.instant(), deadline.minus(WRITE_MARGIN)).toMillis();
    }

    /** Runs work on its own daemon thread, so a fit that overruns the budget never holds the JVM open. */
    private static <T> CompletableFuture<T> async(String name, java.util.concurrent.Callable<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            t.start();
        });
    }

    private Pipeline pipeline(TrialResult best, String learner, List<PipelineMember> members, String fit) {
        return pipeline(experiment, data, libraryVersions, best, learner, members, fit);
    }

    /**
     * A pipeline of a child run's members, with the data's schema and the run's params, metrics and seed.
     *
     * @param experiment the experiment
     * @param data its data (the schema and CSV options predict input must follow)
     * @param libraryVersions recorded with the model
     * @param run the child run
     * @param learner its learner (or ensemble kind)
     * @param members the fitted members
     * @param fit how they were fitted, for people
     * @return the pipeline
     */
    static Pipeline pipeline(ResolvedExperiment experiment, ExperimentData data, Map<String, String> libraryVersions,
            TrialResult run, String learner, List<PipelineMember> members, String fit) {
        var inputColumns = new LinkedHashMap<String, ColumnKind>();
        data.train().features().columns().forEach(c -> inputColumns.put(c.name(), c.kind()));
        var info = new PipelineInfo(PipelineInfo.FORMAT_VERSION, experiment.id(), run.number(), learner,
                run.params().values(), experiment.task(), data.train().target().column(), data.train().target().classes(),
                inputColumns, List.copyOf(data.csv().missingTokens()), data.csv().delimiter(), fit, run.metrics(),
                run.seed(), libraryVersions);
        return new Pipeline(info, members);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** @return the experiment this loop runs */
    public ResolvedExperiment experiment() {
        return experiment;
    }
}
