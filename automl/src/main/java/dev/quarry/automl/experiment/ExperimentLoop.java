package dev.quarry.automl.experiment;

import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineArtifact;
import dev.quarry.automl.pipeline.PipelineInfo;
import dev.quarry.automl.pipeline.PipelineMember;
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.reports.LeaderboardJson;
import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.history.LeaderboardEntry;
import dev.quarry.runner.local.LocalTrialExecutor;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.RunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialExecutor;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.Seeds;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.sampler.Sampler;
import dev.quarry.search.space.Params;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one experiment: keeps the executor busy with trials proposed by the sampler, records every
 * child run in the run store as it finishes, stops on the exit criteria, refits the best
 * configuration on all training rows and saves it as a pipeline artifact.
 *
 * <p>The time budget is hard: the search stops early enough to leave time for the refit (estimated
 * from the best trial's fit time); trials still running then are cancelled; and if the refit still
 * cannot finish before the deadline, the best configuration's fold models, already fitted during
 * its trial, are saved instead (their average is the model). If no trial has completed when the
 * search should stop, one trial at a time may still run until just before the deadline, so that a
 * tight budget still yields a model whenever one trial can finish in it. Single use; {@link #run()} is called
 * once, on one thread; {@link #cancel()} may be called from any thread.
 */
public final class ExperimentLoop {

    private static final Duration POLL = Duration.ofMillis(50);
    /** The learner name an ensemble child run is recorded under. */
    public static final String ENSEMBLE = "ensemble";
    /** Kept free at the end of the budget for writing the artifact and closing the store. */
    private static final Duration WRITE_MARGIN = Duration.ofMillis(700);

    private final ResolvedExperiment experiment;
    private final ExperimentData data;
    private final Sampler sampler;
    private final RunStore store;
    private final Workspace workspace;
    private final InstantSource clock;
    private final Instant budgetStart;
    private final ExperimentListener listener;
    private final Map<String, String> libraryVersions;
    private final String configJson;
    private final FeaturizerSpec featurizerSpec = FeaturizerSpec.defaults();
    private volatile boolean cancelRequested;

    /**
     * @param experiment what to run
     * @param data its data
     * @param sampler proposes params
     * @param store where child runs are recorded
     * @param workspace where folders go
     * @param clock the time source
     * @param budgetStart when the time budget started (before the data was read, so reading counts)
     * @param listener hears progress
     * @param libraryVersions recorded with the experiment and the model
     * @param configJson the resolved config, recorded with the experiment
     */
    public ExperimentLoop(ResolvedExperiment experiment, ExperimentData data, Sampler sampler, RunStore store,
            Workspace workspace, InstantSource clock, Instant budgetStart, ExperimentListener listener,
            Map<String, String> libraryVersions, String configJson) {
        this.experiment = experiment;
        this.data = data;
        this.sampler = sampler;
        this.store = store;
        this.workspace = workspace;
        this.clock = clock;
        this.budgetStart = budgetStart;
        this.listener = listener;
        this.libraryVersions = Map.copyOf(libraryVersions);
        this.configJson = configJson;
    }

    /** Asks the loop to stop: running trials are cancelled and the best model so far is saved. */
    public void cancel() {
        cancelRequested = true;
    }

    private sealed interface Event {
    }

    private record Started(TrialTask task, String worker) implements Event {
    }

    private record Finished(TrialResult result) implements Event {
    }

    /**
     * Runs the experiment to its end.
     *
     * @return how it ended
     */
    public ExperimentOutcome run() {
        String id = experiment.id();
        Instant deadline = experiment.maxDuration() == null ? null : budgetStart.plus(experiment.maxDuration());
        store.createExperiment(new ExperimentRecord(id, experiment.name(), ExperimentStatus.RUNNING,
                experiment.task().name(), experiment.metric().id(), experiment.metric().direction(), experiment.seed(),
                configJson, data.trainFile().toString(), data.sha256(), libraryVersions, clock.instant(), null, null,
                null, Double.NaN));
        Path folder = workspace.runDir(id);
        writeString(workspace.outputs(id).resolve("config.json"), configJson);
        listener.started(experiment);

        var ensembleConfig = experiment.config().ensemble();
        var retained = new RetainedModels(experiment.metric().direction(),
                ensembleConfig.enabled() ? ensembleConfig.candidates() : 1);
        var evaluator = new CrossValidationEvaluator(experiment.folds(),
                experiment.learners().stream().collect(java.util.stream.Collectors.toMap(l -> l.name(), l -> l)),
                experiment.metric(), featurizerSpec, retained);
        var criteria = new ExitCriteria(experiment.metric().direction(), experiment.config().budget().maxTrials(),
                experiment.config().budget().exitScore(), experiment.config().budget().stagnation());
        StopReason reason;
        try (TrialExecutor executor = new LocalTrialExecutor(experiment.parallelism(), evaluator, clock)) {
            reason = search(executor, criteria, retained, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = StopReason.CANCELLED;
        }

        Leaderboard board = Leaderboard.of(id, experiment.metric().id(), experiment.metric().direction(), store.trials(id));
        Optional<Pipeline> ensemble = Optional.empty();
        if (ensembleConfig.enabled() && board.best().isPresent() && !cancelRequested) {
            ensemble = ensemble(board.best().get().trial(), retained.candidates(), ensembleConfig.rounds());
            if (ensemble.isPresent()) {
                board = Leaderboard.of(id, experiment.metric().id(), experiment.metric().direction(), store.trials(id));
            }
        }
        LeaderboardJson.write(board, workspace.outputs(id).resolve("leaderboard.json"));
        Path modelDir = null;
        String fit = null;
        Optional<LeaderboardEntry> best = board.best();
        if (best.isPresent()) {
            var saved = ensemble.isPresent() ? ensemble : saveBest(best.get().trial(), retained, deadline);
            if (saved.isPresent()) {
                modelDir = workspace.outputs(id).resolve("model");
                PipelineArtifact.write(saved.get(), modelDir);
                fit = saved.get().info().fit();
            }
        }
        ExperimentStatus status = cancelRequested ? ExperimentStatus.CANCELLED
                : modelDir != null ? ExperimentStatus.COMPLETED : ExperimentStatus.FAILED;
        String stopText = reason.description() + (modelDir == null ? "; no model could be made" : "");
        store.finishExperiment(id, status, stopText, clock.instant(), best.map(e -> e.trial().number()).orElse(null),
                best.map(e -> e.trial().score()).orElse(Double.NaN));
        var outcome = new ExperimentOutcome(id, status, reason, board, folder, modelDir, fit,
                Duration.between(budgetStart, clock.instant()));
        listener.finished(outcome);
        return outcome;
    }

    private StopReason search(TrialExecutor executor, ExitCriteria criteria, RetainedModels retained, Instant deadline)
            throws InterruptedException {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        var trials = new TreeMap<Integer, TrialRecord>();
        var maxTrials = experiment.config().budget().maxTrials();
        int running = 0;
        int next = 0;
        StopReason reason = null;
        double bestFitSeconds = Double.NaN;
        while (true) {
            Instant now = clock.instant();
            Instant searchDeadline = deadline == null ? null : deadline.minus(ExitCriteria.refitReserve(
                    experiment.maxDuration(), bestFitSeconds, experiment.folds().size(), experiment.foldRowShare()));
            if (reason == null && cancelRequested) {
                reason = stop(executor, StopReason.CANCELLED);
            }
            boolean draining = false;
            if (reason == null && ExitCriteria.past(now, searchDeadline)) {
                // The refit reserve only matters once a trial has completed: until then, the fold models of
                // the first trial to finish will be the model, so one trial at a time may use the time left.
                draining = Double.isNaN(criteria.best()) && !ExitCriteria.past(now, deadline.minus(WRITE_MARGIN));
                if (!draining) {
                    reason = stop(executor, StopReason.TIME_BUDGET);
                }
            }
            int slots = draining ? 1 : executor.capacity();
            while (reason == null && running < slots && (maxTrials == null || next < maxTrials)) {
                var history = new SearchHistory(experiment.metric().direction(), List.copyOf(trials.values()));
                Params params = sampler.propose(experiment.space(), history, next);
                Duration timeout = experiment.trialTimeout();
                if (deadline != null) {
                    Duration left = Duration.between(now, deadline);
                    timeout = left.compareTo(timeout) < 0 ? left : timeout;
                }
                var task = new TrialTask(experiment.id(), next, params, Seeds.mix(experiment.seed(), next),
                        timeout.isPositive() ? timeout : Duration.ofMillis(1));
                trials.put(next, new TrialRecord(next, params, TrialState.RUNNING, Double.NaN, 0));
                executor.submit(task, worker -> events.add(new Started(task, worker)),
                        result -> events.add(new Finished(result)));
                running++;
                next++;
            }
            if (running == 0) {
                return reason != null ? reason : StopReason.MAX_TRIALS;
            }
            long waitMillis = POLL.toMillis();
            if (searchDeadline != null && reason == null) {
                Instant until = draining ? deadline.minus(WRITE_MARGIN) : searchDeadline;
                waitMillis = Math.max(1, Math.min(waitMillis, Duration.between(now, until).toMillis()));
            }
            Event event = events.poll(waitMillis, TimeUnit.MILLISECONDS);
            while (event != null) {
                switch (event) {
                    case Started s -> {
                        store.trialStarted(experiment.id(), s.task().number(), s.task().params(), s.task().seed(),
                                clock.instant(), s.worker());
                        listener.trialStarted(s.task().number(), s.task().params().learner(), s.worker());
                    }
                    case Finished f -> {
                        TrialResult r = f.result();
                        running--;
                        store.trialFinished(r);
                        writeChildRun(r);
                        trials.put(r.number(), new TrialRecord(r.number(), r.params(), r.state(), r.score(),
                                r.duration().toMillis() / 1000.0));
                        boolean cancelled = r.failure() == FailureKind.CANCELLED;
                        boolean newBest = !cancelled && criteria.record(r);
                        retained.decide(r);
                        if (newBest) {
                            bestFitSeconds = r.fitSeconds();
                        }
                        listener.trialFinished(r, newBest, criteria.best(), Duration.between(budgetStart, clock.instant()));
                        if (reason == null && !cancelled) {
                            Optional<StopReason> stop = criteria.check();
                            if (stop.isPresent()) {
                                reason = stop.get() == StopReason.MAX_TRIALS ? stop.get() : stop(executor, stop.get());
                            }
                        }
                    }
                }
                event = events.poll();
            }
        }
    }

    private static StopReason stop(TrialExecutor executor, StopReason reason) {
        executor.cancelAll();
        return reason;
    }

    /**
     * Refits the best configuration on all training rows within the time left; falls back to its
     * fold models if the refit fails or cannot finish in time.
     */
    private Optional<Pipeline> saveBest(TrialResult best, RetainedModels retained, Instant deadline) {
        var learner = experiment.learners().stream().filter(l -> l.name().equals(best.params().learner())).findFirst()
                .orElseThrow();
        int rows = data.train().target().size();
        if (cancelRequested) {
            // The user asked to stop now: ship what is already fitted instead of starting a refit.
            return retained.foldModels(best.number()).map(folds -> pipeline(best, learner.name(), folds,
                    "average of the " + folds.size() + " fold models (cancelled before the refit)"));
        }
        listener.phase("refitting trial " + best.number() + " (" + learner.name() + ") on all " + rows + " rows");
        boolean scale = learner.capabilities().contains(dev.quarry.automl.learner.Capability.NEEDS_SCALING);
        var refit = CompletableFuture.supplyAsync(() -> {
            var featurizer = dev.quarry.featurize.transform.Featurizer.fit(data.train().features(),
                    new FeaturizerSpec(scale, featurizerSpec.maxOneHotLevels()));
            try {
                var model = learner.fit(new dev.quarry.automl.learner.TrainingData(
                        featurizer.transform(data.train().features()), data.train().target()), best.params(),
                        Seeds.mix(best.seed(), experiment.folds().size()));
                return List.of(new PipelineMember(featurizer, model, 1.0));
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
     * Builds the greedy ensemble over the kept trials; if it has at least two members and beats the
     * best single trial, records it as a child run and returns its pipeline (the members' fold
     * models, weighted by how often each was picked).
     */
    private Optional<Pipeline> ensemble(TrialResult bestSingle, List<Candidate> candidates, int rounds) {
        var selected = EnsembleSelection.select(candidates, experiment.folds(), experiment.metric(), rounds);
        if (selected.isEmpty() || selected.get().size() < 2
                || !experiment.metric().direction().isBetter(selected.get().score(), bestSingle.score())) {
            return Optional.empty();
        }
        var e = selected.get();
        int number = store.trials(experiment.id()).stream().mapToInt(TrialResult::number).max().orElse(-1) + 1;
        var values = new java.util.TreeMap<String, Object>();
        e.counts().forEach((trial, count) -> values.put("trial_" + trial, count));
        Instant now = clock.instant();
        var run = new TrialResult(experiment.id(), number, new Params(ENSEMBLE, values), experiment.seed(),
                TrialState.COMPLETED, null, null, e.score(), e.metrics(), now, now, 0, "coordinator");
        store.trialFinished(run);
        writeChildRun(run);
        listener.trialFinished(run, true, e.score(), Duration.between(budgetStart, now));
        int total = e.counts().values().stream().mapToInt(Integer::intValue).sum();
        var members = new java.util.ArrayList<PipelineMember>();
        var described = new java.util.ArrayList<String>();
        for (Candidate c : candidates) {
            Integer count = e.counts().get(c.trial());
            if (count == null) {
                continue;
            }
            described.add("trial " + c.trial() + " x" + count);
            for (PipelineMember m : c.foldModels()) {
                members.add(new PipelineMember(m.featurizer(), m.model(), count / (double) total / c.foldModels().size()));
            }
        }
        String fit = "ensemble of " + e.size() + " configurations (" + String.join(", ", described)
                + "), each as its fold models";
        return Optional.of(pipeline(run, ENSEMBLE, members, fit));
    }

    private void writeChildRun(TrialResult r) {
        var result = new LinkedHashMap<String, Object>();
        result.put("run", r.runId());
        result.put("learner", r.params().learner());
        result.put("params", r.params().values());
        result.put("state", r.state().name());
        result.put("failure", r.failure() == null ? null : r.failure().name());
        result.put("score", Double.isNaN(r.score()) ? null : r.score());
        result.put("metrics", r.metrics());
        result.put("started", r.started().toString());
        result.put("finished", r.finished().toString());
        result.put("fitSeconds", r.fitSeconds());
        result.put("worker", r.worker());
        result.put("seed", r.seed());
        try {
            writeString(workspace.outputs(r.runId()).resolve("result.json"),
                    LeaderboardJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String log = r.error() == null ? r.state() + "\n" : r.state() + " " + r.failure() + "\n" + r.error() + "\n";
        writeString(workspace.logs(r.runId()).resolve("trial.log"), log);
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
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
