package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.DeploymentCost;
import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineMember;
import dev.quarry.runner.history.CostMetrics;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the ensembles over the kept trials after the search: the greedy ensemble (Caruana et al.
 * 2004) over the kept trials and the families' bests, the best-of-family blend, and the stack
 * ({@link Stacking}). Each is recorded as a child run whatever its score, scored by nested
 * selection, and returned as a pipeline of its members' fold models with its predictions on the
 * validation rows; {@link FinalModel#compact} later refits the members of the one shipped. Also gives
 * the nested estimate of shipping the best single configuration, which {@link FinalChoice} compares
 * the ensembles with. Used once, on the loop's thread.
 */
final class EnsembleBuilder {

    /**
     * Suffix of the metric a greedy ensemble scores on the rows its picks were made on (its child
     * run's score is the nested one).
     */
    static final String IN_SAMPLE = "_in_sample";

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

    private final ResolvedExperiment experiment;
    private final ExperimentData data;
    private final RunStore store;
    private final Workspace workspace;
    private final InstantSource clock;
    private final Instant budgetStart;
    private final ExperimentListener listener;
    private final Map<String, String> libraryVersions;
    /** One fold model's size of each trial, as recorded on its trial's path; read on first use. */
    private Map<Integer, DeploymentCost.Size> recordedSizes;

    /**
     * @param experiment the experiment
     * @param data its data
     * @param store where the ensembles' child runs are recorded
     * @param workspace where their folders go
     * @param clock the time source
     * @param budgetStart when the budget started (for the listener's elapsed time)
     * @param listener hears each ensemble's child run
     * @param libraryVersions recorded with the models
     */
    EnsembleBuilder(ResolvedExperiment experiment, ExperimentData data, RunStore store, Workspace workspace,
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
        var size = new DeploymentCost.Size(0, 0);
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
            size = size.plus(memberSize(c));
            for (PipelineMember m : c.foldModels()) {
                members.add(new PipelineMember(m.featurizer(), m.model(), count / (double) total / c.foldModels().size()));
            }
        }
        var metrics = new TreeMap<>(nested.map(EnsembleSelection.Estimate::metrics).orElse(e.metrics()));
        // what the picks score on the rows they were made on, for comparison with the nested score
        metrics.put(experiment.metric().id() + IN_SAMPLE, e.score());
        metrics.putAll(DeploymentCost.measure(members, experiment.folds().getFirst().testFeatures(), size).asMetrics());
        TrialResult run = record(learner, values, nested.map(EnsembleSelection.Estimate::score).orElse(e.score()), metrics,
                started, bestSoFar);
        String fit = what + " of " + e.size() + " configurations (" + String.join(", ", described)
                + "), each as its fold models";
        List<Predictions> blended = nested.isPresent() ? nested.get().foldPredictions()
                : java.util.stream.IntStream.range(0, experiment.folds().size())
                        .mapToObj(f -> EnsembleSelection.blend(candidates, counts, f)).toList();
        return new Built(FinalModel.pipeline(experiment, data, libraryVersions, run, learner, members, fit), blended, groups);
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
        var size = new DeploymentCost.Size(0, 0);
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
            size = size.plus(memberSize(c));
            for (PipelineMember m : c.foldModels()) {
                members.add(new PipelineMember(m.featurizer(), m.model(), 1.0 / c.foldModels().size()));
            }
        }
        var stacker = new dev.quarry.automl.pipeline.Stacker(sizes.stream().mapToInt(Integer::intValue).toArray(),
                weights.stream().mapToDouble(Double::doubleValue).toArray(), r.stacker().biases());
        values.put("penalty", r.penalty());
        var metrics = new TreeMap<>(r.metrics());
        metrics.putAll(DeploymentCost.measure(members, stacker, experiment.folds().getFirst().testFeatures(), size)
                .asMetrics());
        TrialResult run = record(ExperimentLoop.STACKING, values, r.score(), metrics, started, bestSoFar);
        String meta = experiment.task().isClassification() ? "an L2 logistic meta-learner on their log-probabilities"
                : "a ridge meta-learner on their predictions";
        int unweighted = candidates.size() - groups.size();
        String fit = "stack of " + candidates.size() + " configurations (" + String.join(", ", described) + ") combined by "
                + meta + " (penalty " + r.penalty() + ", chosen by cross-validation"
                + (unweighted > 0 ? "; the " + unweighted + " with weight 0 left out" : "") + "), each as its fold models";
        var info = FinalModel.pipeline(experiment, data, libraryVersions, run, ExperimentLoop.STACKING, members, fit).info();
        return Optional.of(new Built(new Pipeline(info, members, stacker), r.foldPredictions(), groups));
    }

    /**
     * A member's size and write time: one fold model's stand for all its folds (serialising every one
     * would cost seconds). They were measured on the trial's path ({@link CostMetrics#ARTIFACT_BYTES},
     * {@link CostMetrics#ARTIFACT_WRITE_MS}) and are read back from the run store; only a trial without
     * them is serialised again (a 14 MB forest takes about a second to compress, once per ensemble that
     * holds it).
     */
    private DeploymentCost.Size memberSize(Candidate c) {
        if (recordedSizes == null) {
            recordedSizes = new java.util.HashMap<>();
            store.trials(experiment.id()).forEach(t -> {
                Double b = t.metrics().get(CostMetrics.ARTIFACT_BYTES);
                if (b != null) {
                    recordedSizes.put(t.number(), new DeploymentCost.Size(b.longValue(),
                            t.metrics().getOrDefault(CostMetrics.ARTIFACT_WRITE_MS, Double.NaN)));
                }
            });
        }
        DeploymentCost.Size one = recordedSizes.computeIfAbsent(c.trial(),
                t -> DeploymentCost.size(List.of(c.foldModels().getFirst())));
        return one.times(c.foldModels().size());
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
}
