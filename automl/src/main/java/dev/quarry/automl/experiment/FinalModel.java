package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.DeploymentCost;
import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineInfo;
import dev.quarry.automl.pipeline.PipelineMember;
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.runner.store.RunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.Seeds;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The end of an experiment: makes the model to ship from what the search found, within the time
 * left. Builds the ensembles over the kept trials, each recorded as a child run with an honest
 * (nested) score: the greedy ensemble, the best-of-family blend and the stack. Then ships what the
 * final choice picked, fitted as {@link FitRule} decides: the best configuration refitted on all
 * training rows or its fold models (and, when the refit fails or cannot finish before the deadline,
 * its fold models); an ensemble with each member refitted once or as its fold models. Used once, on
 * the loop's thread.
 */
final class FinalModel {

    /** Kept free at the end of the budget for writing the artifact, closing the store and writing the final report. */
    static final Duration WRITE_MARGIN = Duration.ofMillis(700).plus(LiveReport.FINAL_WRITE_MARGIN);

    /**
     * Compressed model bytes written per second, for {@link #writeTime}: serialising and compressing
     * tree ensembles ran at 15 to 55 MB/s of serialised bytes on this 2-core machine while a benchmark
     * kept both cores busy, two to five times fewer compressed bytes, then hashed.
     */
    static final double WRITE_BYTES_PER_SECOND = 5e6;

    /**
     * Time to keep for writing a large model, beyond {@link #WRITE_MARGIN}: on the full benchmark suite
     * every 2-minute run that passed its budget shipped one of its largest artifacts (phoneme's
     * ensembles, 70 to 112 MB serialised, up to 3.3 s over), while the fixed margin assumed a small one.
     *
     * @param bytes the model's estimated artifact size ({@link dev.quarry.runner.history.CostMetrics#ARTIFACT_BYTES};
     *     for an ensemble every member as its fold models, an upper bound), 0 or NaN if unknown
     * @return the time, zero when unknown
     */
    static Duration writeTime(double bytes) {
        return bytes > 0 ? Duration.ofMillis((long) (1000 * bytes / WRITE_BYTES_PER_SECOND)) : Duration.ZERO;
    }

    /**
     * Suffix of the metric a greedy ensemble scores on the rows its picks were made on (its child
     * run's score is the nested one).
     */
    static final String IN_SAMPLE = "_in_sample";

    private final ResolvedExperiment experiment;
    private final ExperimentData data;
    private final RunStore store;
    private final Workspace workspace;
    private final InstantSource clock;
    private final Instant budgetStart;
    private final ExperimentListener listener;
    private final Map<String, String> libraryVersions;
    private FitRule.Decision decision;

    FinalModel(ResolvedExperiment experiment, ExperimentData data, RunStore store, Workspace workspace,
            InstantSource clock, Instant budgetStart, ExperimentListener listener, Map<String, String> libraryVersions) {
        this.experiment = experiment;
        this.data = data;
        this.store = store;
        this.workspace = workspace;
        this.clock = clock;
        this.budgetStart = budgetStart;
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
    Built compact(Built built, Instant deadline) {
        List<Group> groups = built.groups();
        Group heaviest = groups.stream().max(java.util.Comparator.comparingDouble(Group::importance)).orElseThrow();
        // the rule is measured while the members are refitted (refit is what it decides unless the
        // fold models' average is clearly better), so a short budget is not spent waiting for it
        var rule = startRule(trial(heaviest.candidate().trial()), Optional.of(heaviest.candidate()));
        Pipeline p = built.pipeline();
        var order = new ArrayList<>(groups);
        order.sort(java.util.Comparator.comparingDouble(Group::importance).reversed());
        var refitted = new java.util.HashMap<Integer, PipelineMember>();
        for (Group g : order) {
            TrialResult t = trial(g.candidate().trial());
            long estimate = (long) (1000 * (0.2 + ExitCriteria.refitSeconds(t.fitSeconds(), Math.max(1, experiment.folds().size()),
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
            return new Built(withFit(p, p.members(), p.stacker(), p.info().fit() + " (" + decision.reason() + ")"),
                    built.foldPredictions(), groups);
        }
        var members = new ArrayList<PipelineMember>();
        int[] sizes = new int[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
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
        return new Built(withFit(p, members, stacker, fit), built.foldPredictions(), groups);
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
        var inputColumns = new LinkedHashMap<String, ColumnKind>();
        data.train().features().columns().forEach(c -> inputColumns.put(c.name(), c.kind()));
        var info = new PipelineInfo(PipelineInfo.FORMAT_VERSION, experiment.id(), best.number(), learner,
                best.params().values(), experiment.task(), data.train().target().column(), data.train().target().classes(),
                inputColumns, List.copyOf(data.csv().missingTokens()), data.csv().delimiter(), fit, best.metrics(),
                best.seed(), libraryVersions);
        return new Pipeline(info, members);
    }

    /**
     * A model built from the kept trials, with its stacked or blended predictions on each fold's
     * validation rows (for the validation report).
     *
     * @param pipeline the model
     * @param foldPredictions its predictions on each fold's validation rows
     */
    record Built(Pipeline pipeline, List<Predictions> foldPredictions, List<Group> groups) {
    }

    /**
     * One member configuration of an ensemble.
     *
     * @param candidate the kept trial
     * @param weight its share of the blend (for a stack: 1, the stacker weighs it)
     * @param importance how much it counts, to order refits (the share, or the stack weight's magnitude)
     */
    record Group(Candidate candidate, double weight, double importance) {
    }

    /**
     * Builds the greedy ensemble over the kept trials and the best of each family and, if it has at
     * least two members, records it as a child run whatever its score, scored by nested selection
     * ({@link EnsembleSelection#nested}), and returns its pipeline (the members' fold models,
     * weighted by how often each was picked).
     */
    Optional<Built> ensemble(List<Candidate> candidates, List<Candidate> familyBests, double bestSoFar, int rounds) {
        Instant started = clock.instant();
        var pool = new ArrayList<>(candidates);
        for (Candidate c : familyBests) {
            if (pool.stream().noneMatch(k -> k.trial() == c.trial())) {
                pool.add(c);
            }
        }
        var selected = EnsembleSelection.select(pool, experiment.folds(), experiment.metric(), rounds);
        if (selected.isEmpty() || selected.get().size() < 2) {
            return Optional.empty();
        }
        return Optional.of(greedy(ExperimentLoop.ENSEMBLE, "ensemble", selected.get(), pool, rounds, started, bestSoFar));
    }

    /**
     * The best-of-family ensemble: greedy ensemble selection over the best configuration of each of the
     * best-scoring learner families, recorded as a child run whatever its score when it blends at least
     * two of them, so users can pick a small, fast blend of different kinds of models. Scored by nested
     * selection, like the greedy ensemble.
     */
    Optional<Built> bestOfFamily(List<Candidate> familyBests, double bestSoFar, int rounds) {
        Instant started = clock.instant();
        var selected = EnsembleSelection.select(familyBests, experiment.folds(), experiment.metric(), rounds);
        if (selected.isEmpty() || selected.get().size() < 2) {
            return Optional.empty();
        }
        return Optional.of(greedy(ExperimentLoop.BEST_OF_FAMILY, "best-of-family ensemble", selected.get(), familyBests,
                rounds, started, bestSoFar));
    }

    /**
     * The nested estimate of shipping the best single configuration among the kept trials
     * ({@link EnsembleSelection#nested} with one round), on the same terms as the ensembles' scores:
     * the best trial's own score is the best of every trial and flatters it.
     *
     * @param candidates the kept trials
     * @return the estimate, if there are kept trials and it can be computed
     */
    java.util.OptionalDouble singleEstimate(List<Candidate> candidates) {
        return EnsembleSelection.nested(candidates, experiment.folds(), experiment.metric(), 1, nestingSeed())
                .map(e -> java.util.OptionalDouble.of(e.score())).orElse(java.util.OptionalDouble.empty());
    }

    private long nestingSeed() {
        return Seeds.mix(experiment.seed(), 0xE5E1);
    }

    private Built greedy(String learner, String what, EnsembleSelection.Ensemble e, List<Candidate> candidates,
            int rounds, Instant started, double bestSoFar) {
        var nested = EnsembleSelection.nested(candidates, experiment.folds(), experiment.metric(), rounds, nestingSeed());
        var values = new TreeMap<String, Object>();
        e.counts().forEach((trial, count) -> values.put("trial_" + trial, count));
        int total = e.counts().values().stream().mapToInt(Integer::intValue).sum();
        var members = new ArrayList<PipelineMember>();
        var described = new ArrayList<String>();
        long bytes = 0;
        int[] counts = new int[candidates.size()];
        var groups = new ArrayList<Group>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            Integer count = e.counts().get(c.trial());
            if (count == null) {
                continue;
            }
            counts[i] = count;
            groups.add(new Group(c, count / (double) total, count / (double) total));
            described.add("trial " + c.trial() + " x" + count);
            bytes += memberBytes(c);
            for (PipelineMember m : c.foldModels()) {
                members.add(new PipelineMember(m.featurizer(), m.model(), count / (double) total / c.foldModels().size()));
            }
        }
        var metrics = new TreeMap<>(nested.map(EnsembleSelection.Estimate::metrics).orElse(e.metrics()));
        // what the picks score on the rows they were made on, for comparison with the nested score
        metrics.put(experiment.metric().id() + IN_SAMPLE, e.score());
        metrics.putAll(DeploymentCost.measure(members, experiment.folds().getFirst().testFeatures(), bytes).asMetrics());
        TrialResult run = record(learner, values, nested.map(EnsembleSelection.Estimate::score).orElse(e.score()), metrics,
                started, bestSoFar);
        String fit = what + " of " + e.size() + " configurations (" + String.join(", ", described)
                + "), each as its fold models";
        List<Predictions> blended = nested.isPresent() ? nested.get().foldPredictions()
                : java.util.stream.IntStream.range(0, experiment.folds().size())
                        .mapToObj(f -> EnsembleSelection.blend(candidates, counts, f)).toList();
        return new Built(pipeline(run, learner, members, fit), blended, groups);
    }

    /**
     * Stacks the kept trials with a regularised linear meta-learner ({@link Stacking}) and records it
     * as a child run, whatever its score, so the leaderboard shows how it compares; its members are
     * the fold models of every kept trial the meta-learner gives a weight, combined by it. A trial
     * with weight zero (the meta-learner's weights are non-negative, and often exactly zero) is
     * listed in the child run's params but not shipped: it would add its size and its predict time
     * and change no prediction. Empty when it cannot be computed
     * before {@code until} (its reserved time), or with fewer than two kept trials or three units.
     * {@code bestSoFar} is the leaderboard's best score, to tell listeners whether the stack leads.
     */
    Optional<Built> stack(List<Candidate> candidates, double bestSoFar, Instant until) {
        Instant started = clock.instant();
        var fitted = Stacking.fit(candidates, experiment.folds(), experiment.metric(),
                Seeds.mix(experiment.seed(), 0x57AC), clock, until);
        if (fitted.isEmpty()) {
            if (candidates.size() >= 2) {
                listener.phase("stacking skipped: it needs three validation folds (or one holdout) and must finish "
                        + "within its reserved time");
            }
            return Optional.empty();
        }
        var r = fitted.get();
        var values = new TreeMap<String, Object>();
        var members = new ArrayList<PipelineMember>();
        var described = new ArrayList<String>();
        long bytes = 0;
        var groups = new ArrayList<Group>();
        var sizes = new ArrayList<Integer>();
        var weights = new ArrayList<Double>();
        double[] fittedWeights = r.stacker().weights();
        boolean anyWeight = java.util.Arrays.stream(fittedWeights).anyMatch(w -> w != 0);
        for (int g = 0; g < candidates.size(); g++) {
            Candidate c = candidates.get(g);
            double w = fittedWeights[g];
            values.put("trial_" + c.trial(), w);
            described.add(String.format(java.util.Locale.ROOT, "trial %d %.3g", c.trial(), w));
            if (w == 0 && (anyWeight || g > 0)) {
                continue; // adds 0 to every score: shipping it would cost size and time, not change a prediction
            }
            groups.add(new Group(c, 1.0, Math.abs(w)));
            sizes.add(r.stacker().groupSizes()[g]);
            weights.add(w);
            bytes += memberBytes(c);
            for (PipelineMember m : c.foldModels()) {
                members.add(new PipelineMember(m.featurizer(), m.model(), 1.0 / c.foldModels().size()));
            }
        }
        var stacker = new dev.quarry.automl.pipeline.Stacker(sizes.stream().mapToInt(Integer::intValue).toArray(),
                weights.stream().mapToDouble(Double::doubleValue).toArray(), r.stacker().biases());
        values.put("penalty", r.penalty());
        var metrics = new TreeMap<>(r.metrics());
        metrics.putAll(DeploymentCost.measure(members, stacker, experiment.folds().getFirst().testFeatures(), bytes)
                .asMetrics());
        TrialResult run = record(ExperimentLoop.STACKING, values, r.score(), metrics, started, bestSoFar);
        String meta = experiment.task().isClassification() ? "an L2 logistic meta-learner on their log-probabilities"
                : "a ridge meta-learner on their predictions";
        int unweighted = candidates.size() - groups.size();
        String fit = "stack of " + candidates.size() + " configurations (" + String.join(", ", described) + ") combined by "
                + meta + " (penalty " + r.penalty() + ", chosen by cross-validation"
                + (unweighted > 0 ? "; the " + unweighted + " with weight 0 left out" : "") + "), each as its fold models";
        var info = pipeline(run, ExperimentLoop.STACKING, members, fit).info();
        return Optional.of(new Built(new Pipeline(info, members, stacker), r.foldPredictions(), groups));
    }

    /** One fold model serialised per member stands for all its folds: serialising every one would cost seconds. */
    private static long memberBytes(Candidate c) {
        return DeploymentCost.bytes(List.of(c.foldModels().getFirst())) * c.foldModels().size();
    }

    /** Records an ensemble child run, numbered after every trial so far. */
    private TrialResult record(String learner, Map<String, Object> values, double score, Map<String, Double> metrics,
            Instant started, double bestSoFar) {
        boolean newBest = Double.isNaN(bestSoFar) || experiment.metric().direction().isBetter(score, bestSoFar);
        int number = store.trials(experiment.id()).stream().mapToInt(TrialResult::number).max().orElse(-1) + 1;
        Instant now = clock.instant();
        var run = new TrialResult(experiment.id(), number, new Params(learner, values), experiment.seed(),
                TrialState.COMPLETED, null, null, score, metrics, started, now,
                Duration.between(started, now).toNanos() / 1e9, "coordinator");
        store.trialFinished(run);
        ChildRunFiles.write(workspace, run);
        listener.trialFinished(run, newBest, newBest ? score : bestSoFar, Duration.between(budgetStart, now));
        return run;
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
