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
 * left. Either the greedy ensemble over the kept trials (when it beats the best single trial), the
 * stacked ensemble, or
 * the best configuration refitted on all training rows, or, when the refit fails or cannot finish
 * before the deadline, that configuration's fold models averaged. Used once, on the loop's thread.
 */
final class FinalModel {

    /** Kept free at the end of the budget for writing the artifact, closing the store and writing the final report. */
    static final Duration WRITE_MARGIN = Duration.ofMillis(700).plus(LiveReport.FINAL_WRITE_MARGIN);

    private final ResolvedExperiment experiment;
    private final ExperimentData data;
    private final RunStore store;
    private final Workspace workspace;
    private final InstantSource clock;
    private final Instant budgetStart;
    private final ExperimentListener listener;
    private final Map<String, String> libraryVersions;

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

    /**
     * Refits the best configuration on all training rows within the time left; falls back to its
     * fold models if the refit fails or cannot finish in time.
     */
    Optional<Pipeline> refit(TrialResult best, RetainedModels retained, Instant deadline, boolean cancelled) {
        var learner = experiment.learners().stream().filter(l -> l.name().equals(best.params().learner())).findFirst()
                .orElseThrow();
        int rows = data.train().target().size();
        if (cancelled) {
            // The user asked to stop now: ship what is already fitted instead of starting a refit.
            return retained.foldModels(best.number()).map(folds -> pipeline(best, learner.name(), folds,
                    "average of the " + folds.size() + " fold models (cancelled before the refit)"));
        }
        listener.phase("refitting trial " + best.number() + " (" + learner.name() + ") on all " + rows + " rows");
        var refit = CompletableFuture.supplyAsync(() -> {
            try {
                return List.of(Refit.onAllRows(experiment, data, learner, best.params(),
                        Seeds.mix(best.seed(), experiment.folds().size())));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "quarry-refit");
            t.setDaemon(true);
            t.start();
        });
        List<PipelineMember> members;
        String fit;
        try {
            if (deadline == null) {
                members = refit.get();
            } else {
                long millis = Duration.between(clock.instant(), deadline.minus(WRITE_MARGIN)).toMillis();
                members = refit.get(Math.max(1, millis), TimeUnit.MILLISECONDS);
            }
            fit = "refit on all " + rows + " training rows";
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
            listener.phase("using " + fit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(pipeline(best, learner.name(), members, fit));
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
    record Built(Pipeline pipeline, List<Predictions> foldPredictions) {
    }

    /**
     * Builds the greedy ensemble over the kept trials; if it has at least two members and beats the
     * best single trial, records it as a child run and returns its pipeline (the members' fold
     * models, weighted by how often each was picked).
     */
    Optional<Built> ensemble(TrialResult bestSingle, List<Candidate> candidates, int rounds) {
        Instant started = clock.instant();
        var selected = EnsembleSelection.select(candidates, experiment.folds(), experiment.metric(), rounds);
        if (selected.isEmpty() || selected.get().size() < 2
                || !experiment.metric().direction().isBetter(selected.get().score(), bestSingle.score())) {
            return Optional.empty();
        }
        return Optional.of(greedy(ExperimentLoop.ENSEMBLE, "ensemble", selected.get(), candidates, started,
                bestSingle.score()));
    }

    /**
     * The best-of-family ensemble: greedy ensemble selection over the best configuration of each of the
     * best-scoring learner families, recorded as a child run whatever its score when it blends at least
     * two of them, so users can pick a small, fast blend of different kinds of models.
     */
    Optional<Built> bestOfFamily(List<Candidate> familyBests, double bestSoFar, int rounds) {
        Instant started = clock.instant();
        var selected = EnsembleSelection.select(familyBests, experiment.folds(), experiment.metric(), rounds);
        if (selected.isEmpty() || selected.get().size() < 2) {
            return Optional.empty();
        }
        return Optional.of(greedy(ExperimentLoop.BEST_OF_FAMILY, "best-of-family ensemble", selected.get(), familyBests,
                started, bestSoFar));
    }

    private Built greedy(String learner, String what, EnsembleSelection.Ensemble e, List<Candidate> candidates,
            Instant started, double bestSoFar) {
        var values = new TreeMap<String, Object>();
        e.counts().forEach((trial, count) -> values.put("trial_" + trial, count));
        int total = e.counts().values().stream().mapToInt(Integer::intValue).sum();
        var members = new ArrayList<PipelineMember>();
        var described = new ArrayList<String>();
        long bytes = 0;
        int[] counts = new int[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            Integer count = e.counts().get(c.trial());
            if (count == null) {
                continue;
            }
            counts[i] = count;
            described.add("trial " + c.trial() + " x" + count);
            bytes += memberBytes(c);
            for (PipelineMember m : c.foldModels()) {
                members.add(new PipelineMember(m.featurizer(), m.model(), count / (double) total / c.foldModels().size()));
            }
        }
        var metrics = new TreeMap<>(e.metrics());
        metrics.putAll(DeploymentCost.measure(members, experiment.folds().getFirst().testFeatures(), bytes).asMetrics());
        TrialResult run = record(learner, values, e.score(), metrics, started, bestSoFar);
        String fit = what + " of " + e.size() + " configurations (" + String.join(", ", described)
                + "), each as its fold models";
        var blended = java.util.stream.IntStream.range(0, experiment.folds().size())
                .mapToObj(f -> EnsembleSelection.blend(candidates, counts, f)).toList();
        return new Built(pipeline(run, learner, members, fit), blended);
    }

    /**
     * Stacks the kept trials with a regularised linear meta-learner ({@link Stacking}) and records it
     * as a child run, whatever its score, so the leaderboard shows how it compares; its members are
     * every kept trial's fold models, combined by the meta-learner. Empty when it cannot be computed
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
        for (int g = 0; g < candidates.size(); g++) {
            Candidate c = candidates.get(g);
            double w = r.stacker().weights()[g];
            values.put("trial_" + c.trial(), w);
            described.add(String.format(java.util.Locale.ROOT, "trial %d %.3g", c.trial(), w));
            bytes += memberBytes(c);
            for (PipelineMember m : c.foldModels()) {
                members.add(new PipelineMember(m.featurizer(), m.model(), 1.0 / c.foldModels().size()));
            }
        }
        values.put("penalty", r.penalty());
        var metrics = new TreeMap<>(r.metrics());
        metrics.putAll(DeploymentCost.measure(members, r.stacker(), experiment.folds().getFirst().testFeatures(), bytes)
                .asMetrics());
        TrialResult run = record(ExperimentLoop.STACKING, values, r.score(), metrics, started, bestSoFar);
        String meta = experiment.task().isClassification() ? "an L2 logistic meta-learner on their log-probabilities"
                : "a ridge meta-learner on their predictions";
        String fit = "stack of " + candidates.size() + " configurations (" + String.join(", ", described) + ") combined by "
                + meta + " (penalty " + r.penalty() + ", chosen by cross-validation), each as its fold models";
        var info = pipeline(run, ExperimentLoop.STACKING, members, fit).info();
        return Optional.of(new Built(new Pipeline(info, members, r.stacker()), r.foldPredictions()));
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
