package dev.quarry.automl.experiment;

import dev.quarry.runner.history.RunHistory;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.Seeds;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.sampler.Sampler;
import dev.quarry.search.scheduler.Decision;
import dev.quarry.search.scheduler.Scheduler;
import dev.quarry.search.scheduler.StoppingPolicy;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trials started and promoted across rungs by a {@link Scheduler}, stopped early by an optional
 * {@link StoppingPolicy}, with params from the sampler.
 *
 * <p>A trial is one child run, whatever rungs it reaches: each run at a rung that succeeds becomes
 * an {@link Observation}, and every run's start and end are recorded at once through the {@link Log}
 * (the run store), so that a resumed experiment replays the scheduler ({@link #replay}). The child
 * run is recorded when the trial ends for good: COMPLETED at the top rung; PRUNED, with its last score and metrics, when the policy stops it, the scheduler will never
 * promote it, the search ends while it waits for a promotion, or a promotion is cancelled; FAILED
 * when a run fails. If the search ends before any trial reached the top rung, the best trial at
 * the highest rung reached ends COMPLETED, so that a model can still be made (see {@link #close}). Every recorded result carries the metric {@code resource} (the share of its
 * last run) and the fit time of all its runs.
 *
 * <p>The sampler learns from the largest rung with at least {@value #MODEL_POINTS} observations
 * ({@link SearchHistory#atModelledResource}), as BOHB does, so TPE inside Hyperband brackets
 * models comparable scores.
 */
final class ScheduledTrials implements TrialPlan {

    /** Observations a rung needs before samplers model it. */
    static final int MODEL_POINTS = 10;

    private final String experimentId;
    private final long seed;
    private final SearchSpace space;
    private final Direction direction;
    private final Sampler sampler;
    private final Scheduler scheduler;
    private final StoppingPolicy policy;
    private final Log log;
    private final TreeMap<Integer, TrialRecord> trials = new TreeMap<>();
    private final List<Observation> observations = new ArrayList<>();
    private final Map<Integer, TrialResult> lastSuccess = new HashMap<>();
    private final Map<Integer, Instant> firstStart = new HashMap<>();
    private final Map<Integer, Double> fitSeconds = new HashMap<>();
    private final Set<Integer> ended = new HashSet<>();
    /** Trials whose run a dead coordinator left in flight, to run again first, at their resource, in decision order. */
    private final java.util.ArrayDeque<Integer> rerun = new java.util.ArrayDeque<>();
    private boolean lastMayStart = true;

    /**
     * @param experimentId the experiment
     * @param seed the experiment seed; trial n's seed is {@code mix(seed, n)} at every rung
     * @param space the space
     * @param direction the metric's direction
     * @param strategy the sampler, scheduler (non-null) and policy (nullable)
     * @param log receives each run's start, observation and end as they happen (the run store)
     */
    ScheduledTrials(String experimentId, long seed, SearchSpace space, Direction direction, SearchStrategy strategy,
            Log log) {
        this.experimentId = experimentId;
        this.seed = seed;
        this.space = space;
        this.direction = direction;
        this.sampler = strategy.sampler();
        this.scheduler = strategy.scheduler();
        this.policy = strategy.policy();
        this.log = log;
    }

    /**
     * Where a scheduled plan records what a resumed coordinator needs to replay it: every run's
     * start (before it is submitted), every successful run's observation, every run's end.
     */
    interface Log {
        /**
         * @param trial the trial
         * @param resource the run's resource
         * @param params the trial's params
         */
        void started(int trial, double resource, Params params);

        /** @param observation a successful run's score */
        void observed(Observation observation);

        /**
         * @param trial the trial whose latest run ended
         * @param seconds its wall-clock seconds
         * @param fitSeconds its fit seconds
         */
        void finished(int trial, double seconds, double fitSeconds);
    }

    /**
     * Rebuilds the plan of an experiment whose coordinator died, from what the run store recorded:
     * its child runs, its rung runs (every start and promotion, in decision order, with the
     * seconds of those that ended) and its observations. Afterwards the history the scheduler and
     * sampler see is the one the dead coordinator had, except that runs it had in flight are
     * queued to run again first, at the same resource with the same seed; so the next decisions
     * are those an uninterrupted run would have made once they finished. Trials whose end the dead
     * coordinator had not recorded (top rung reached, stopped by the policy, left behind by the
     * scheduler) end now. Call once, before the first {@link #next}.
     *
     * <p>What is not recorded per run is not replayed: a trial still waiting at a lower rung ends,
     * later, with its observed score and the {@code resource} metric only (its other metrics at
     * that rung are gone with the coordinator that held them).
     *
     * @param childRuns the child runs as the run store has them
     * @param runs the rung runs, in decision order
     * @param recordedObservations the observations, in arrival order
     * @param now the time now, as the end of trials ended here
     * @return the child runs that end now, to record
     */
    List<TrialResult> replay(List<TrialResult> childRuns, List<dev.quarry.runner.store.RungRun> runs,
            List<Observation> recordedObservations, Instant now) {
        var rows = new HashMap<Integer, TrialResult>();
        childRuns.forEach(r -> rows.put(r.number(), r));
        var scores = new HashMap<Integer, Map<Double, Double>>();
        for (Observation o : recordedObservations) {
            scores.computeIfAbsent(o.trial(), k -> new HashMap<>()).put(o.resource(), o.score());
        }
        observations.addAll(recordedObservations);
        var lastRun = new HashMap<Integer, dev.quarry.runner.store.RungRun>();
        var lastSeq = new HashMap<Integer, Integer>();
        for (int seq = 0; seq < runs.size(); seq++) {
            var run = runs.get(seq);
            lastSeq.put(run.trial(), seq);
            int n = run.trial();
            TrialRecord t = trials.get(n);
            trials.put(n, t == null ? new TrialRecord(n, run.params(), TrialState.RUNNING, Double.NaN, 0, run.resource())
                    : t.with(TrialState.RUNNING, t.score(), 0, run.resource()));
            TrialResult row = rows.get(n);
            firstStart.putIfAbsent(n, row != null ? row.started() : now);
            lastRun.put(n, run);
            if (!run.ended()) {
                continue;
            }
            t = trials.get(n);
            Double score = scores.getOrDefault(n, Map.of()).get(run.resource());
            if (score != null) {
                fitSeconds.merge(n, run.fitSeconds(), Double::sum);
                trials.put(n, t.with(TrialState.COMPLETED, score, run.seconds(), run.resource()));
                lastSuccess.put(n, new TrialResult(experimentId, n, run.params(), Seeds.mix(seed, n), TrialState.COMPLETED,
                        null, null, score, Map.of(), firstStart.get(n), now, run.fitSeconds(),
                        row == null ? null : row.worker()));
            } else {
                trials.put(n, t.with(TrialState.FAILED, Double.NaN, run.seconds(), run.resource()));
            }
        }
        var out = new ArrayList<TrialResult>();
        var inFlight = new ArrayList<Integer>();
        for (int n : List.copyOf(trials.keySet())) {
            TrialResult row = rows.get(n);
            TrialRecord t = trials.get(n);
            if (row != null && row.state() != TrialState.RUNNING) {
                ended.add(n);
                TrialState state = row.state() == TrialState.COMPLETED || row.state() == TrialState.PRUNED
                        ? row.state() : TrialState.FAILED;
                trials.put(n, new TrialRecord(n, t.params(), state, state == TrialState.FAILED ? Double.NaN : row.score(),
                        t.costSeconds(), t.resource()));
            } else if (!lastRun.get(n).ended() || t.state() == TrialState.FAILED) {
                // In flight when the coordinator died (or failed before its end was recorded): run it again.
                trials.put(n, t.with(TrialState.RUNNING, lastSuccess.containsKey(n) ? lastSuccess.get(n).score()
                        : Double.NaN, 0, t.resource()));
                inFlight.add(n);
            } else if (scheduler.ladder().indexOf(t.resource()) == scheduler.ladder().top()) {
                out.add(end(n, TrialState.COMPLETED));
            } else if (policy != null && policy.shouldStop(history(), n)) {
                out.add(end(n, TrialState.PRUNED));
            }
        }
        for (int p : scheduler.pruned(history(), true)) {
            if (!ended.contains(p) && trials.get(p).state() == TrialState.COMPLETED) {
                out.add(end(p, TrialState.PRUNED));
            }
        }
        // Again in the order they were decided, as an uninterrupted coordinator would have had them running.
        inFlight.sort(java.util.Comparator.comparingInt(lastSeq::get));
        rerun.addAll(inFlight);
        return out;
    }

    /**
     * Takes back the replayed in-flight runs not yet run again, because the experiment is stopping:
     * a trial with an earlier successful run ends PRUNED with it, one without ends CANCELLED.
     *
     * @param now the time now
     * @return the child runs to record; afterwards none is left
     */
    List<TrialResult> leftovers(Instant now) {
        var out = new ArrayList<TrialResult>();
        for (int n : rerun) {
            TrialRecord t = trials.get(n);
            if (lastSuccess.containsKey(n)) {
                trials.put(n, t.with(TrialState.COMPLETED, lastSuccess.get(n).score(), 0, t.resource()));
                out.add(end(n, TrialState.PRUNED));
            } else {
                trials.put(n, t.with(TrialState.FAILED, Double.NaN, 0, t.resource()));
                ended.add(n);
                out.add(TrialResult.failed(new TrialTask(experimentId, n, t.params(), Seeds.mix(seed, n),
                        Duration.ofMillis(1)), FailureKind.CANCELLED, "its coordinator was killed and the resumed "
                        + "experiment stopped before running it again", firstStart.getOrDefault(n, now), now, null));
            }
        }
        rerun.clear();
        return out;
    }

    @Override
    public Optional<TrialTask> next(boolean mayStart, Duration timeout, Duration searchLeft) {
        Integer again = rerun.poll();
        if (again != null) {
            TrialRecord t = trials.get(again);
            log.started(again, t.resource(), t.params());
            return Optional.of(task(again, t.params(), t.resource(), timeout));
        }
        boolean canStart = mayStart && !sampler.exhausted(space, history(), trials.size());
        lastMayStart = canStart;
        Decision d = scheduler.next(history(), canStart);
        return switch (d) {
            case Decision.Start s -> {
                int number = trials.size();
                Params params = sampler.propose(space, history().atModelledResource(MODEL_POINTS), number);
                trials.put(number, new TrialRecord(number, params, TrialState.RUNNING, Double.NaN, 0, s.resource()));
                log.started(number, s.resource(), params);
                yield Optional.of(task(number, params, s.resource(), timeout));
            }
            case Decision.Promote p -> {
                TrialRecord t = trials.get(p.trial());
                trials.put(p.trial(), t.with(TrialState.RUNNING, t.score(), 0, p.resource()));
                log.started(p.trial(), p.resource(), t.params());
                yield Optional.of(task(p.trial(), t.params(), p.resource(), timeout));
            }
            case Decision.Wait w -> Optional.empty();
        };
    }

    private TrialTask task(int number, Params params, double resource, Duration timeout) {
        return new TrialTask(experimentId, number, params, Seeds.mix(seed, number), timeout, Math.min(1, resource));
    }

    @Override
    public List<TrialResult> finished(TrialResult r) {
        int n = r.number();
        TrialRecord t = trials.get(n);
        double resource = t.resource();
        double cost = r.duration().toMillis() / 1000.0;
        firstStart.putIfAbsent(n, r.started());
        log.finished(n, cost, r.fitSeconds());
        var out = new ArrayList<TrialResult>();
        if (r.state() == TrialState.COMPLETED) {
            var obs = new Observation(n, resource, r.score());
            observations.add(obs);
            log.observed(obs);
            lastSuccess.put(n, r);
            fitSeconds.merge(n, r.fitSeconds(), Double::sum);
            boolean top = scheduler.ladder().indexOf(resource) == scheduler.ladder().top();
            trials.put(n, t.with(TrialState.COMPLETED, r.score(), cost, resource));
            if (!top && policy != null && policy.shouldStop(history(), n)) {
                out.add(end(n, TrialState.PRUNED));
            } else if (top) {
                out.add(end(n, TrialState.COMPLETED));
            }
        } else if (r.failure() == FailureKind.CANCELLED && lastSuccess.containsKey(n)) {
            trials.put(n, t.with(TrialState.COMPLETED, t.score(), cost, resource));
            out.add(end(n, TrialState.PRUNED));
        } else {
            trials.put(n, t.with(TrialState.FAILED, Double.NaN, cost, resource));
            ended.add(n);
            out.add(new TrialResult(r.experimentId(), n, r.params(), r.seed(), r.state(), r.failure(), r.error(),
                    Double.NaN, Map.of(RunHistory.RESOURCE_METRIC, resource), firstStart.get(n), r.finished(),
                    fitSeconds.getOrDefault(n, 0.0), r.worker()));
        }
        for (int p : scheduler.pruned(history(), lastMayStart)) {
            if (!ended.contains(p) && trials.get(p).state() == TrialState.COMPLETED) {
                out.add(end(p, TrialState.PRUNED));
            }
        }
        return out;
    }

    /** Ends a trial that has a successful run, with that run's score and metrics. */
    private TrialResult end(int n, TrialState state) {
        TrialResult last = lastSuccess.get(n);
        TrialRecord t = trials.get(n);
        trials.put(n, t.with(state, last.score(), 0, t.resource()));
        ended.add(n);
        var metrics = new TreeMap<>(last.metrics());
        metrics.put(RunHistory.RESOURCE_METRIC, scheduler.ladder().resource(
                Math.max(0, scheduler.ladder().indexOf(observationsOf(n).getLast().resource()))));
        return new TrialResult(last.experimentId(), n, last.params(), last.seed(), state, null, null, last.score(),
                metrics, firstStart.get(n), last.finished(), fitSeconds.getOrDefault(n, 0.0), last.worker());
    }

    private List<Observation> observationsOf(int n) {
        return observations.stream().filter(o -> o.trial() == n).toList();
    }

    /**
     * {@inheritDoc} If no trial reached the top rung, the best waiting trial at the highest rung
     * reached ends COMPLETED instead (its {@code resource} metric says where), so the experiment can
     * still refit a model on all rows, at the full resource, from the best params it saw.
     */
    @Override
    public List<TrialResult> close(Instant now) {
        var out = new ArrayList<TrialResult>();
        boolean anyAtTop = trials.values().stream().anyMatch(t -> t.state() == TrialState.COMPLETED && ended.contains(t.number()));
        Integer stand = null;
        if (!anyAtTop) {
            int highest = -1;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (TrialRecord t : trials.values()) {
                if (!ended.contains(t.number()) && t.state() == TrialState.COMPLETED) {
                    int rung = scheduler.ladder().indexOf(t.resource());
                    double loss = direction.toLoss(t.score());
                    if (rung > highest || (rung == highest && loss < bestLoss)) {
                        highest = rung;
                        bestLoss = loss;
                        stand = t.number();
                    }
                }
            }
        }
        for (TrialRecord t : List.copyOf(trials.values())) {
            if (!ended.contains(t.number()) && t.state() == TrialState.COMPLETED) {
                out.add(end(t.number(), stand != null && stand == t.number() ? TrialState.COMPLETED : TrialState.PRUNED));
            }
        }
        return out;
    }

    @Override
    public java.util.Map<String, Double> tooSlow(Duration searchLeft) {
        return java.util.Map.of();
    }

    @Override
    public int started() {
        return trials.size();
    }

    @Override
    public boolean exhausted() {
        return sampler.exhausted(space, history(), trials.size());
    }

    @Override
    public SearchHistory history() {
        return new SearchHistory(direction, List.copyOf(trials.values()), observations);
    }
}
