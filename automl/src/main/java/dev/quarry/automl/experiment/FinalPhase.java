package dev.quarry.automl.experiment;

import dev.quarry.automl.evaluation.ValidationReport;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.PipelineArtifact;
import dev.quarry.reports.LeaderboardJson;
import dev.quarry.runner.history.CostMetrics;
import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.history.LeaderboardEntry;
import dev.quarry.runner.store.RunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What follows the search: builds the ensembles over the kept trials (greedy selection, best of
 * family, stacking), chooses the child run to ship ({@link FinalChoice}), has {@link FinalModel} fit
 * it (refitted, compacted or as its fold models) within the budget, writes it as a pipeline artifact,
 * and writes {@code leaderboard.json} and {@code timings.json}. It also states the time its ensemble
 * steps need ({@link #ensembleReserve}), which the search leaves free. Used once, on the loop's thread.
 */
final class FinalPhase {

    /**
     * What was shipped.
     *
     * @param board the leaderboard with the ensembles' child runs
     * @param shipped the chosen child run, if any completed
     * @param modelDir the written model folder, or null if no model could be made
     * @param fit how the model was fitted, or null
     * @param reason why the shipped child run was chosen, or null
     */
    record Outcome(Leaderboard board, Optional<LeaderboardEntry> shipped, Path modelDir, String fit, String reason) {
    }

    /**
     * How many times its reserve stacking may take before it gives up. The search leaves the reserve
     * free; time beyond it comes out of the final fit's, whose refits are optional (members not
     * refitted ship as their fold models). The reserve is an estimate on an idle machine, while
     * trials cancelled at the search's end may still be running on their abandoned threads: two of
     * three adult runs at 2 minutes gave stacking up (its reserve 1.9 s; 1.0 s in a single run of
     * the same code) and shipped a blend that scored 0.0015 AUC lower.
     */
    static final int STACKING_OVERRUN = 3;

    private final ResolvedExperiment experiment;
    private final RunStore store;
    private final Workspace workspace;
    private final InstantSource clock;
    private final ExperimentListener listener;
    private final LiveReport liveReport;
    private final RetainedModels retained;
    private final int trainingRows;
    private final FinalModel finalModel;
    private final EnsembleBuilder ensembles;

    /**
     * @param experiment the experiment
     * @param data its data
     * @param store its run store
     * @param workspace its folders
     * @param clock the time source
     * @param budgetStart when the budget started
     * @param listener hears progress
     * @param liveReport the report, told about the stacked ensemble
     * @param libraryVersions recorded with the model
     * @param retained the trials kept for ensembles, with their fold models and predictions
     */
    FinalPhase(ResolvedExperiment experiment, ExperimentData data, RunStore store, Workspace workspace,
            InstantSource clock, Instant budgetStart, ExperimentListener listener, LiveReport liveReport,
            Map<String, String> libraryVersions, RetainedModels retained) {
        this.experiment = experiment;
        this.store = store;
        this.workspace = workspace;
        this.clock = clock;
        this.listener = listener;
        this.liveReport = liveReport;
        this.retained = retained;
        this.trainingRows = data.train().features().rowCount();
        this.finalModel = new FinalModel(experiment, data, store, clock, listener, libraryVersions);
        this.ensembles = new EnsembleBuilder(experiment, data, store, workspace, clock, budgetStart, listener, libraryVersions);
    }

    /**
     * @param deadline the experiment's deadline, or null without a time budget
     * @param cancelled whether the user asked to stop (no ensembles then, and no refit)
     * @return what was shipped
     */
    Outcome run(Instant deadline, boolean cancelled) {
        String id = experiment.id();
        var ensembleConfig = experiment.config().ensemble();
        Leaderboard board = board();
        // the ensembles built after the search, by their child-run number
        Map<Integer, EnsembleBuilder.Built> built = new java.util.TreeMap<>();
        if (ensembleConfig.enabled() && board.best().isPresent() && !cancelled) {
            EnsemblePool pool = pool(board);
            pool.note(retained.all()).ifPresent(listener::phase);
            List<Candidate> kept = pool.admitted(retained.candidates());
            List<Candidate> familyBests = pool.admitted(retained.familyBests());
            ensembles.ensemble(kept, familyBests.stream().limit(poolFamilies(experiment)).toList(),
                    board.best().get().trial().score(), ensembleConfig.rounds())
                    .ifPresent(b -> built.put(b.pipeline().info().trial(), b));
            board = board();
            if (ensembleConfig.families() > 0) {
                ensembles.bestOfFamily(familyBests.stream().limit(ensembleConfig.families()).toList(),
                        board.best().get().trial().score(), ensembleConfig.rounds())
                        .ifPresent(b -> built.put(b.pipeline().info().trial(), b));
                board = board();
            }
            if (ensembleConfig.stacking()) {
                Instant until = deadline == null ? null : earliest(clock.instant().plus(stackingReserve(experiment)
                        .multipliedBy(STACKING_OVERRUN)), deadline.minus(FinalModel.WRITE_MARGIN));
                ensembles.stack(kept, board.best().get().trial().score(), until).ifPresent(b -> {
                    built.put(b.pipeline().info().trial(), b);
                    // the shipped members (trials the meta-learner gave no weight are left out), in the stacker's order
                    liveReport.stacked(b.pipeline().info().trial(), b.groups().stream().map(EnsembleBuilder.Group::candidate).toList(),
                            b.pipeline().stacker(), b.foldPredictions());
                });
                board = board();
            }
            listener.ensembleEvidence(evidence(board, built, pool));
        }
        Path modelDir = null;
        String fit = null;
        String contentHash = null;
        java.util.OptionalDouble singleEstimate = built.isEmpty() ? java.util.OptionalDouble.empty()
                : ensembles.singleEstimate(retained.candidates());
        Instant choosing = clock.instant();
        Optional<FinalChoice.Choice> choice = FinalChoice.choose(board, experiment.config().budget(),
                experiment.folds().size(), singleEstimate, e -> deadline == null
                        || !choosing.plus(writeTime(e, built)).isAfter(deadline.minus(FinalModel.WRITE_MARGIN)));
        Optional<LeaderboardEntry> best = choice.map(FinalChoice.Choice::entry);
        if (best.isPresent()) {
            listener.phase("shipping trial " + best.get().trial().number() + ": " + choice.get().reason());
            EnsembleBuilder.Built ensemble = built.get(best.get().trial().number());
            // a large model takes seconds to write: refits stop early enough to leave that time
            Instant shipBy = deadline == null ? null : deadline.minus(writeTime(best.get(), built));
            var saved = ensemble != null ? Optional.of(finalModel.compact(ensemble, shipBy).pipeline())
                    : finalModel.refit(best.get().trial(), retained, shipBy, cancelled);
            if (saved.isPresent()) {
                modelDir = workspace.outputs(id).resolve("model");
                PipelineArtifact.write(saved.get(), modelDir);
                contentHash = PipelineArtifact.recordedHash(modelDir);
                fit = saved.get().info().fit();
            }
        }
        writeLeaderboard(board, choice, fit, finalModel.decision(), modelDir, contentHash, built);
        return new Outcome(board, best, modelDir, fit, choice.map(FinalChoice.Choice::reason).orElse(null));
    }

    /**
     * The time writing a child run's model may take ({@link ModelWriteTime}): an ensemble's members as
     * built, a single trial's fold models (what is shipped when its refit does not finish in time).
     */
    private Duration writeTime(LeaderboardEntry e, Map<Integer, EnsembleBuilder.Built> built) {
        int cores = Runtime.getRuntime().availableProcessors();
        EnsembleBuilder.Built ensemble = built.get(e.trial().number());
        if (ensemble != null) {
            return ModelWriteTime.of(e.trial().metrics(), 1, ensemble.pipeline().members().size(), cores);
        }
        int folds = experiment.folds().size();
        return ModelWriteTime.of(e.trial().metrics(), ExperimentLoop.isEnsemble(e.trial().params().learner()) ? 1 : folds,
                folds, cores);
    }

    /** Which kept trials may join the ensembles ({@link EnsemblePool}). */
    private EnsemblePool pool(Leaderboard board) {
        Map<Integer, String> learners = new java.util.HashMap<>();
        board.entries().forEach(e -> learners.put(e.trial().number(), e.trial().params().learner()));
        return EnsemblePool.of(experiment.learners(), learners, trainingRows, retained.candidates());
    }

    private Leaderboard board() {
        return Leaderboard.of(experiment.id(), experiment.metric().id(), experiment.metric().direction(),
                store.trials(experiment.id()));
    }

    /**
     * The time the ensemble steps after the search need: greedy selection over the kept trials and
     * the pool's family bests, the best-of-family blend, and stacking; zero when ensembles are off or
     * there is no time budget.
     *
     * @param experiment the experiment
     * @return the reserve
     */
    static Duration ensembleReserve(ResolvedExperiment experiment) {
        var ensembleConfig = experiment.config().ensemble();
        if (!ensembleConfig.enabled() || experiment.maxDuration() == null) {
            return Duration.ZERO;
        }
        return ExitCriteria.ensembleReserve(experiment.maxDuration(),
                        ensembleConfig.candidates() + poolFamilies(experiment), ensembleConfig.rounds(),
                        validationRows(experiment), experiment.folds().size())
                .plus(ensembleConfig.families() == 0 ? Duration.ZERO : ExitCriteria.ensembleReserve(experiment.maxDuration(),
                        ensembleConfig.families(), ensembleConfig.rounds(),
                        validationRows(experiment), experiment.folds().size()))
                .plus(stackingReserve(experiment));
    }

    /** The ensemble step's evidence for {@link ExperimentListener#ensembleEvidence}. */
    private EnsembleEvidence evidence(Leaderboard board, Map<Integer, EnsembleBuilder.Built> built, EnsemblePool pool) {
        Map<Integer, LeaderboardEntry> byTrial = new java.util.HashMap<>();
        board.entries().forEach(e -> byTrial.put(e.trial().number(), e));
        var trials = retained.all().stream().map(c -> {
            TrialResult t = byTrial.get(c.trial()).trial();
            return new EnsembleEvidence.KeptTrial(c.trial(), t.params().learner(), c.score(), c.foldModels(),
                    c.foldPredictions(), t.metrics().getOrDefault(CostMetrics.PREDICT_P50_MS, Double.NaN), pool.admits(c));
        }).toList();
        var ensembles = built.entrySet().stream().map(e -> new EnsembleEvidence.BuiltEnsemble(e.getKey(),
                e.getValue().pipeline().info().learner(), byTrial.get(e.getKey()).trial().score(), e.getValue().pipeline()))
                .toList();
        return new EnsembleEvidence(experiment.folds(), trials, ensembles);
    }

    /**
     * Writes {@code leaderboard.json} (what the run found, byte-identical between runs with the same
     * config, data and seed on one worker) and {@code timings.json} (the wall-clock measurements,
     * which vary from run to run).
     */
    private void writeLeaderboard(Leaderboard board, Optional<FinalChoice.Choice> choice, String fit,
            Optional<FitRule.Decision> decision, Path modelDir, String contentHash, Map<Integer, EnsembleBuilder.Built> built) {
        Map<String, Object> tree = LeaderboardJson.reproducibleTree(board);
        var shipped = new java.util.LinkedHashMap<String, Object>();
        choice.ifPresent(c -> {
            shipped.put("trial", c.entry().trial().number());
            shipped.put("learner", c.entry().trial().params().learner());
            shipped.put("reason", c.reason());
        });
        shipped.put("fit", fit);
        decision.ifPresent(d -> {
            var rule = new java.util.LinkedHashMap<String, Object>();
            rule.put("chosen", d.fit() == FitRule.Fit.REFIT ? "refit" : "fold models");
            rule.put("refitScore", Double.isNaN(d.refitScore()) ? null : d.refitScore());
            rule.put("foldAverageScore", Double.isNaN(d.foldAverageScore()) ? null : d.foldAverageScore());
            rule.put("reason", d.reason());
            shipped.put("fitRule", rule);
        });
        shipped.put("artifactBytes", modelDir == null ? null : PipelineArtifact.size(modelDir));
        shipped.put("contentSha256", contentHash);
        choice.flatMap(c -> validationPredictions(c.entry().trial(), retained, built)).ifPresent(p -> shipped.put("validation",
                ValidationReport.toTree(experiment.folds().stream().map(Fold::testTarget).toList(), p)));
        tree.put("final", shipped);
        LeaderboardJson.writeTree(tree, workspace.outputs(experiment.id()).resolve("leaderboard.json"));
        LeaderboardJson.writeTree(LeaderboardJson.timingsTree(board),
                workspace.outputs(experiment.id()).resolve("timings.json"));
    }

    /**
     * The shipped configuration's predictions on each fold's validation rows: a kept trial's own, or
     * an ensemble's blended or stacked (cross-fitted) ones.
     */
    private static Optional<List<Predictions>> validationPredictions(TrialResult trial, RetainedModels retained,
            Map<Integer, EnsembleBuilder.Built> built) {
        EnsembleBuilder.Built ensemble = built.get(trial.number());
        if (ensemble != null) {
            return Optional.of(ensemble.foldPredictions());
        }
        return retained.all().stream().filter(c -> c.trial() == trial.number()).findFirst()
                .map(Candidate::foldPredictions);
    }

    /** The validation rows of all folds together, which ensemble selection and stacking score. */
    static long validationRows(ResolvedExperiment experiment) {
        return experiment.folds().stream().mapToLong(f -> f.testTarget().size()).sum();
    }

    /**
     * How many families' best trials join the greedy ensemble's pool: {@code ensemble.poolFamilies}
     * (by default 10 for classification, 3 for regression:
     * {@link dev.quarry.automl.config.EnsembleConfig#poolFamilies(dev.quarry.featurize.table.Task)}),
     * trimmed on large data so that selection fits its reserve
     * ({@link ExitCriteria#affordableCandidates}), but never below the best-of-family blend's
     * {@code families}. Without a time budget, all of them.
     */
    static int poolFamilies(ResolvedExperiment experiment) {
        var ensembleConfig = experiment.config().ensemble();
        int wanted = ensembleConfig.poolFamilies(experiment.task());
        if (experiment.maxDuration() == null) {
            return wanted;
        }
        int affordable = ExitCriteria.affordableCandidates(experiment.maxDuration(), ensembleConfig.rounds(),
                validationRows(experiment), experiment.folds().size())
                - ensembleConfig.candidates();
        return Math.max(Math.min(ensembleConfig.families(), wanted), Math.min(wanted, affordable));
    }

    /** The time kept for stacking after the search (zero when it is off or there is no time budget). */
    static Duration stackingReserve(ResolvedExperiment experiment) {
        var ensembleConfig = experiment.config().ensemble();
        if (!ensembleConfig.enabled() || !ensembleConfig.stacking() || experiment.maxDuration() == null) {
            return Duration.ZERO;
        }
        return ExitCriteria.stackingReserve(experiment.maxDuration(), ensembleConfig.candidates(), experiment.folds().size(),
                validationRows(experiment),
                experiment.task().isClassification() ? experiment.folds().getFirst().testTarget().classes().size() : 0);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
