package dev.quarry.automl.experiment;

import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.runner.history.LeaderboardEntry;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.RunStore;
import dev.quarry.search.space.Params;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialExecutor;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.sampler.Sampler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs one experiment: keeps the executor busy with trials proposed by the sampler, records every
 * child run in the run store as it finishes, stops on the exit criteria, and hands the end to
 * {@link FinalPhase} (the ensembles, the choice of the shipped child run, its model fitted by
 * {@link FinalModel} and saved as a pipeline artifact, the leaderboard files).
 *
 * <p>The time budget is hard: the search stops early enough to leave time for the refit (estimated
 * from the best trial's fit time); trials still running then are cancelled; and if the refit still
 * cannot finish before the deadline, the best configuration's fold models, already fitted during
 * its trial, are saved instead. If no trial has completed when the search should stop, one trial
 * at a time may still run until just before the deadline, so that a tight budget still yields a
 * model whenever one trial can finish in it. Single use; {@link #run()} is called once, on one
 * thread; {@link #cancel()} may be called from any thread.
 */
public final class ExperimentLoop {

    private static final Duration POLL = Duration.ofMillis(50);
    /** The learner name an ensemble child run is recorded under. */
    public static final String ENSEMBLE = "ensemble";
    /** The learner name a stacked ensemble child run is recorded under. */
    public static final String STACKING = "stacking";
    /** The learner name the best-of-family ensemble child run is recorded under. */
    public static final String BEST_OF_FAMILY = "best_of_family";

    /**
     * @param learner a child run's learner name
     * @return whether it names an ensemble built after the search (greedy, best-of-family or stacked), not a
     *     catalog learner
     */
    public static boolean isEnsemble(String learner) {
        return ENSEMBLE.equals(learner) || STACKING.equals(learner) || BEST_OF_FAMILY.equals(learner);
    }

    private final ResolvedExperiment experiment;
    private final ExperimentData data;
    private final SearchStrategy strategy;
    private final RunStore store;
    private final Workspace workspace;
    private final InstantSource clock;
    private final Instant budgetStart;
    private final ExperimentListener listener;
    /** Told about a stack, so the report can draw its diagnostics if it leads. */
    private final LiveReport liveReport;
    private final Map<String, String> libraryVersions;
    private final String configJson;
    private final FeaturizerSpec featurizerSpec;
    private final RetainedModels retained;
    /** Whether {@link #announceSlow} has spoken. */
    private boolean announcedSlow;

    /** Fit seconds of every completed trial, by number, for the refit reserve of an ensemble's members. */
    private final Map<Integer, Double> fitSecondsByTrial = new java.util.HashMap<>();
    private volatile boolean cancelRequested;
    private List<TrialResult> recorded = List.of();
    private boolean resumed;

    /**
     * @param experiment what to run
     * @param data its data
     * @param strategy the sampler, and the scheduler and policy if any
     * @param store where child runs are recorded
     * @param workspace where folders go
     * @param clock the time source
     * @param budgetStart when the time budget started (before the data was read, so reading counts)
     * @param listener hears progress
     * @param libraryVersions recorded with the experiment and the model
     * @param configJson the resolved config, recorded with the experiment
     */
    public ExperimentLoop(ResolvedExperiment experiment, ExperimentData data, SearchStrategy strategy, RunStore store,
            Workspace workspace, InstantSource clock, Instant budgetStart, ExperimentListener listener,
            Map<String, String> libraryVersions, String configJson) {
        this.experiment = experiment;
        this.data = data;
        this.strategy = strategy;
        this.store = store;
        this.workspace = workspace;
        this.clock = clock;
        this.budgetStart = budgetStart;
        this.featurizerSpec = experiment.featurizerSpec();
        var ensemble = experiment.config().ensemble();
        this.retained = new RetainedModels(experiment.metric().direction(), ensemble.enabled() ? ensemble.candidates() : 1,
                ensemble.enabled() ? ensemble.keptFamilies(experiment.task()) : 0);
        this.listener = ExperimentListener.both(listener,
                this.liveReport = new LiveReport(experiment, data, store, workspace, retained, featurizerSpec, clock,
                        experiment.maxDuration() == null ? null : budgetStart.plus(experiment.maxDuration())));
        this.libraryVersions = Map.copyOf(libraryVersions);
        this.configJson = configJson;
    }

    /**
     * A loop that runs every trial at the full resource.
     *
     * @param experiment what to run
     * @param data its data
     * @param sampler proposes params
     * @param store where child runs are recorded
     * @param workspace where folders go
     * @param clock the time source
     * @param budgetStart when the time budget started
     * @param listener hears progress
     * @param libraryVersions recorded with the experiment and the model
     * @param configJson the resolved config
     */
    public ExperimentLoop(ResolvedExperiment experiment, ExperimentData data, Sampler sampler, RunStore store,
            Workspace workspace, InstantSource clock, Instant budgetStart, ExperimentListener listener,
            Map<String, String> libraryVersions, String configJson) {
        this(experiment, data, SearchStrategy.of(sampler), store, workspace, clock, budgetStart, listener,
                libraryVersions, configJson);
    }

    /** Asks the loop to stop: running trials are cancelled and the best model so far is saved. */
    public void cancel() {
        cancelRequested = true;
    }

    /**
     * Makes {@link #run()} continue an experiment already in the run store, whose coordinator died,
     * instead of creating it. Finished child runs (completed, failed, pruned, cancelled) are replayed
     * into the sampler's history and the exit criteria and are not run again. Trials the dead
     * coordinator left RUNNING are run again, first, under their own number, params and seed, so their
     * rows are completed in place: no child run is missing or duplicated, and the sampler proposes the
     * same later trials as an uninterrupted run would. If the replayed runs already meet a stop
     * condition, those leftovers are recorded CANCELLED instead. The time budget continues from the
     * {@code budgetStart} the caller gives, moved back by the budget already used. Under a scheduler,
     * the rungs and brackets are rebuilt from the run store's rung runs and observations
     * ({@link ScheduledTrials#replay}): runs left in flight run again first, at their resource, and
     * the scheduler and sampler then decide as in an uninterrupted run. Call before run().
     *
     * @param recorded the experiment's child runs as the run store has them
     * @return this loop
     */
    public ExperimentLoop resuming(List<TrialResult> recorded) {
        this.recorded = recorded.stream().sorted(java.util.Comparator.comparingInt(TrialResult::number)).toList();
        this.resumed = true;
        return this;
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
        Path folder = workspace.runDir(id);
        CoordinatorLock lock = CoordinatorLock.acquire(folder, id);
        if (resumed) {
            // It may have been recorded INTERRUPTED meanwhile (quarry serve found it without a process).
            store.reopenExperiment(id);
        } else {
            store.createExperiment(new ExperimentRecord(id, experiment.name(), ExperimentStatus.RUNNING,
                    experiment.task().name(), experiment.metric().id(), experiment.metric().direction(), experiment.seed(),
                    configJson, data.trainFile().toString(), data.sha256(), libraryVersions, clock.instant(), null, null,
                    null, Double.NaN));
            ChildRunFiles.writeString(workspace.outputs(id).resolve("config.json"), configJson);
            experiment.guardrails().write(workspace.outputs(id).resolve("guardrails.json"));
        }
        listener.started(experiment);

        var evaluator = new CrossValidationEvaluator(experiment.folds(),
                experiment.learners().stream().collect(java.util.stream.Collectors.toMap(l -> l.name(), l -> l)),
                experiment.metric(), featurizerSpec, retained, experiment.config().search().scheduler().resourceKind());
        var criteria = new ExitCriteria(experiment.metric().direction(), experiment.config().budget().maxTrials(),
                experiment.config().budget().exitScore(), experiment.config().budget().stagnation());
        StopReason reason;
        try (TrialExecutor executor = TrialExecutors.open(experiment, data, evaluator, retained, workspace, clock)) {
            reason = search(executor, criteria, retained, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = StopReason.CANCELLED;
        }

        var end = new FinalPhase(experiment, data, store, workspace, clock, budgetStart, listener, liveReport,
                libraryVersions, retained).run(deadline, cancelRequested);
        Path modelDir = end.modelDir();
        Optional<LeaderboardEntry> best = end.shipped();
        ExperimentStatus status = cancelRequested ? ExperimentStatus.CANCELLED
                : modelDir != null ? ExperimentStatus.COMPLETED : ExperimentStatus.FAILED;
        String stopText = reason.description() + (modelDir == null ? "; no model could be made" : "");
        store.finishExperiment(id, status, stopText, clock.instant(), best.map(e -> e.trial().number()).orElse(null),
                best.map(e -> e.trial().score()).orElse(Double.NaN));
        var outcome = new ExperimentOutcome(id, status, reason, end.board(), folder, modelDir, end.fit(),
                modelDir == null ? null : best.get().trial().number(), modelDir == null ? null : end.reason(),
                Duration.between(budgetStart, clock.instant()));
        lock.close();
        listener.finished(outcome);
        return outcome;
    }

    private StopReason search(TrialExecutor executor, ExitCriteria criteria, RetainedModels retained, Instant deadline)
            throws InterruptedException {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        TrialPlan plan = strategy.scheduler() == null
                ? new SampledTrials(experiment.id(), experiment.seed(), experiment.space(), experiment.metric().direction(),
                        strategy.sampler(), iterationParameters())
                : new ScheduledTrials(experiment.id(), experiment.seed(), experiment.space(),
                        experiment.metric().direction(), strategy, new StoreLog(store, experiment.id()));
        var maxTrials = experiment.config().budget().maxTrials();
        int running = 0;
        double bestFitSeconds = Double.NaN;
        if (resumed) {
            for (TrialResult r : recorded) {
                if (plan instanceof SampledTrials sampled) {
                    sampled.replay(r);
                }
                if (r.state() != TrialState.RUNNING && r.failure() != FailureKind.CANCELLED && criteria.record(r)) {
                    bestFitSeconds = r.fitSeconds();
                }
            }
            if (plan instanceof ScheduledTrials scheduled) {
                for (TrialResult r : scheduled.replay(recorded, store.rungRuns(experiment.id()),
                        store.observations(experiment.id()), clock.instant())) {
                    bestFitSeconds = record(r, criteria, retained, bestFitSeconds);
                }
            }
        }
        StopReason reason = criteria.check().orElse(null);
        if (reason != null) {
            cancelLeftovers(plan);
        }
        Instant nextCheckpoint = Instant.MIN;
        // the ensemble step runs after the search, before the refit, so its time comes out of the search's
        Duration ensembleReserve = deadline == null ? Duration.ZERO : FinalPhase.ensembleReserve(experiment);
        while (true) {
            Instant now = clock.instant();
            if (!now.isBefore(nextCheckpoint)) {
                BudgetCheckpoint.write(workspace.runDir(experiment.id()), Duration.between(budgetStart, now));
                nextCheckpoint = now.plus(BudgetCheckpoint.INTERVAL);
            }
            Instant searchDeadline = deadline == null ? null
                    : deadline.minus(refitReserve(retained, bestFitSeconds)).minus(ensembleReserve);
            if (reason == null && cancelRequested) {
                reason = stop(executor, StopReason.CANCELLED);
            }
            boolean draining = false;
            if (reason == null && ExitCriteria.past(now, searchDeadline)) {
                // The refit reserve only matters once a trial has completed: until then, the fold models of
                // the first trial to finish will be the model, so one trial at a time may use the time left.
                draining = Double.isNaN(criteria.best()) && !ExitCriteria.past(now, deadline.minus(FinalModel.WRITE_MARGIN));
                if (!draining) {
                    reason = stop(executor, StopReason.TIME_BUDGET);
                }
            }
            Duration searchLeft = null;
            if (reason == null && searchDeadline != null && !draining) {
                searchLeft = Duration.between(now, searchDeadline);
                if (!announcedSlow) {
                    announceSlow(plan.tooSlow(searchLeft), searchLeft);
                }
            }
            int slots = draining ? 1 : executor.capacity();
            while (reason == null && running < slots) {
                Duration timeout = experiment.trialTimeout();
                if (deadline != null) {
                    Duration left = Duration.between(now, deadline);
                    timeout = left.compareTo(timeout) < 0 ? left : timeout;
                }
                Optional<TrialTask> next;
                try {
                    next = plan.next(maxTrials == null || plan.started() < maxTrials,
                            timeout.isPositive() ? timeout : Duration.ofMillis(1), searchLeft);
                } catch (RuntimeException e) {
                    // A strategy bug must not lose the experiment: what is recorded still makes the model.
                    ChildRunFiles.appendLog(workspace.runDir(experiment.id()).resolve("logs/experiment.log"), e);
                    reason = stop(executor, StopReason.SEARCH_ERROR);
                    break;
                }
                if (next.isEmpty()) {
                    break;
                }
                TrialTask task = next.get();
                executor.submit(task, worker -> events.add(new Started(task, worker)),
                        result -> events.add(new Finished(result)));
                running++;
            }
            if (reason != null) {
                cancelLeftovers(plan);
            }
            if (reason == null && running == 0 && searchLeft != null && !plan.exhausted()
                    && (maxTrials == null || plan.started() < maxTrials)) {
                // nothing runs and more trials may start, yet none was: none could finish before the search stops
                reason = StopReason.TIME_BUDGET;
            }
            if (running == 0) {
                for (TrialResult r : plan.close(clock.instant())) {
                    bestFitSeconds = record(r, criteria, retained, bestFitSeconds);
                }
                return reason != null ? reason : plan.exhausted() ? StopReason.SEARCH_SPACE_EXHAUSTED : StopReason.MAX_TRIALS;
            }
            long waitMillis = POLL.toMillis();
            if (searchDeadline != null && reason == null) {
                Instant until = draining ? deadline.minus(FinalModel.WRITE_MARGIN) : searchDeadline;
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
                        running--;
                        List<TrialResult> ended = plan.finished(f.result());
                        if (ended.stream().noneMatch(r -> r.number() == f.result().number())) {
                            retained.discard(f.result().number());
                        }
                        for (TrialResult r : ended) {
                            bestFitSeconds = record(r, criteria, retained, bestFitSeconds);
                            boolean cancelled = r.failure() == FailureKind.CANCELLED;
                            if (reason == null && !cancelled) {
                                Optional<StopReason> stop = criteria.check();
                                if (stop.isPresent()) {
                                    reason = stop.get() == StopReason.MAX_TRIALS ? stop.get() : stop(executor, stop.get());
                                }
                            }
                        }
                    }
                }
                event = events.poll();
            }
        }
    }

    /** The run store as a scheduled plan's log. */
    private record StoreLog(RunStore store, String experimentId) implements ScheduledTrials.Log {
        @Override
        public void started(int trial, double resource, Params params) {
            store.rungStarted(experimentId, trial, resource, params);
        }

        @Override
        public void observed(dev.quarry.search.history.Observation observation) {
            store.observed(experimentId, observation);
        }

        @Override
        public void finished(int trial, double seconds, double fitSeconds) {
            store.rungFinished(experimentId, trial, seconds, fitSeconds);
        }
    }

    /** Records trials a dead coordinator left RUNNING that this one will not run: the experiment is stopping. */
    private void cancelLeftovers(TrialPlan plan) {
        Instant now = clock.instant();
        if (plan instanceof ScheduledTrials scheduled) {
            for (TrialResult r : scheduled.leftovers(now)) {
                store.trialFinished(r);
                ChildRunFiles.write(workspace, r);
            }
            return;
        }
        if (!(plan instanceof SampledTrials sampled)) {
            return;
        }
        for (TrialResult r : sampled.leftovers()) {
            var cancelled = TrialResult.failed(new TrialTask(r.experimentId(), r.number(), r.params(), r.seed(),
                    Duration.ofMillis(1)), FailureKind.CANCELLED, "its coordinator was killed and the resumed experiment "
                    + "stopped before running it again", r.started(), now, r.worker());
            store.trialFinished(cancelled);
            ChildRunFiles.write(workspace, cancelled);
        }
    }

    /** The time kept after the search for the final fit ({@link ExitCriteria#finalFitReserve}). */
    private Duration refitReserve(RetainedModels retained, double bestFitSeconds) {
        double kept = retained.all().stream().mapToDouble(c -> fitSecondsByTrial.getOrDefault(c.trial(), 0.0)).sum();
        return ExitCriteria.finalFitReserve(experiment.maxDuration(), bestFitSeconds, kept, experiment.folds().size(),
                experiment.foldRowShare(), experiment.config().ensemble().enabled());
    }

    /** Each iterative learner's iterations hyperparameter (trees, epochs), by learner name. */
    private Map<String, String> iterationParameters() {
        var out = new java.util.HashMap<String, String>();
        experiment.learners().forEach(l -> l.iterationsParameter().ifPresent(p -> out.put(l.name(), p)));
        return out;
    }

    /** Tells the listener once, when the first learner is left out, that slow learners stop getting trials. */
    private void announceSlow(Map<String, Double> slow, Duration left) {
        if (!slow.isEmpty()) {
            announcedSlow = true;
            var first = slow.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            listener.phase(String.format(java.util.Locale.ROOT, "near the end of the search, learners whose trials would "
                    + "not finish before it stop getting new ones: first %s (%.1f s a trial, median), with %.1f s left",
                    first.getKey(), first.getValue(), left.toMillis() / 1000.0));
        }
    }

    /** Records a child run that ended for good; returns the fit seconds of the best trial so far. */
    private double record(TrialResult r, ExitCriteria criteria, RetainedModels retained, double bestFitSeconds) {
        if (r.state() == TrialState.COMPLETED) {
            fitSecondsByTrial.put(r.number(), r.fitSeconds());
        }
        store.trialFinished(r);
        ChildRunFiles.write(workspace, r);
        boolean newBest = r.failure() != FailureKind.CANCELLED && criteria.record(r);
        retained.decide(r);
        listener.trialFinished(r, newBest, criteria.best(), Duration.between(budgetStart, clock.instant()));
        return newBest ? r.fitSeconds() : bestFitSeconds;
    }

    private static StopReason stop(TrialExecutor executor, StopReason reason) {
        executor.cancelAll();
        return reason;
    }
}
