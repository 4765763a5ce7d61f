package dev.quarry.automl.api;

import dev.quarry.automl.experiment.ExperimentListener;
import dev.quarry.automl.experiment.ExperimentOutcome;
import dev.quarry.automl.experiment.ResolvedExperiment;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An experiment the server runs: hears the loop ({@link ExperimentListener}), keeps its progress
 * for {@code GET /experiments/{id}} and its events for the event stream. Events are kept in order
 * and replayed to every new subscriber before live ones, under one lock, so a subscriber sees each
 * event exactly once and in order however late it comes. Listener methods run on the loop's
 * thread; subscribers must return quickly (they hand the event to the event loop). Thread-safe.
 */
final class LiveExperiment implements ExperimentListener {

    /** One server-sent event: its sequence number, type and JSON data. */
    record Event(long id, String type, String data) {
        /** @return whether this event ends the stream */
        boolean last() {
            return type.equals("finished");
        }
    }

    /** Trial events beyond this many are not kept for replay (the counts stay exact). */
    private static final int MAX_KEPT = 20_000;

    private final String id;
    private final String name;
    private final Integer maxTrials;
    private final Duration maxDuration;
    private final Instant started;
    private final InstantSource clock;
    private final List<Event> events = new ArrayList<>();
    private final List<Consumer<Event>> subscribers = new ArrayList<>();
    private long next;
    private int trialsStarted;
    private int trialsFinished;
    private int trialsFailed;
    private Integer bestTrial;
    private String bestLearner;
    private double bestScore = Double.NaN;
    private String phase = "starting";
    private ExperimentOutcome outcome;
    private String crash;
    private volatile boolean cancelRequested;

    LiveExperiment(ResolvedExperiment experiment, Instant started, InstantSource clock) {
        this.id = experiment.id();
        this.name = experiment.name();
        this.maxTrials = experiment.config().budget().maxTrials();
        this.maxDuration = experiment.maxDuration();
        this.started = started;
        this.clock = clock;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    void cancelRequested() {
        cancelRequested = true;
    }

    @Override
    public synchronized void started(ResolvedExperiment experiment) {
        phase = "searching";
        var data = new LinkedHashMap<String, Object>();
        data.put("experiment", id);
        data.put("task", experiment.task().name().toLowerCase(java.util.Locale.ROOT));
        data.put("metric", experiment.metric().id());
        data.put("learners", experiment.learners().stream().map(l -> l.name()).toList());
        publish("started", data);
    }

    @Override
    public synchronized void trialStarted(int trial, String learner, String worker) {
        trialsStarted++;
        var data = new LinkedHashMap<String, Object>();
        data.put("trial", trial);
        data.put("learner", learner);
        data.put("worker", worker);
        publish("trial_started", data);
    }

    @Override
    public synchronized void trialFinished(TrialResult r, boolean newBest, double best, Duration elapsed) {
        trialsFinished++;
        if (r.state() == TrialState.FAILED) {
            trialsFailed++;
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("trial", r.number());
        data.put("learner", r.params().learner());
        data.put("params", r.params().values());
        data.put("state", r.state().name());
        data.put("score", Views.number(r.score()));
        data.put("metrics", r.metrics());
        data.put("failure", r.failure() == null ? null : r.failure().name());
        data.put("error", r.error());
        data.put("fitSeconds", r.fitSeconds());
        data.put("elapsedSeconds", elapsed.toMillis() / 1000.0);
        data.put("bestScore", Views.number(best));
        publish("trial_finished", data);
        if (newBest) {
            bestTrial = r.number();
            bestLearner = r.params().learner();
            bestScore = r.score();
            var leader = new LinkedHashMap<String, Object>();
            leader.put("trial", r.number());
            leader.put("learner", r.params().learner());
            leader.put("score", Views.number(r.score()));
            publish("new_leader", leader);
        }
    }

    @Override
    public synchronized void phase(String description) {
        phase = description;
        publish("phase", Map.of("description", description));
    }

    @Override
    public synchronized void finished(ExperimentOutcome o) {
        outcome = o;
        phase = "finished";
        var data = new LinkedHashMap<String, Object>();
        data.put("experiment", id);
        data.put("status", o.status().name());
        data.put("stopReason", o.stopReason().description());
        data.put("elapsedSeconds", o.elapsed().toMillis() / 1000.0);
        var best = o.leaderboard().best();
        data.put("bestTrial", best.map(e -> e.trial().number()).orElse(null));
        data.put("bestScore", best.map(e -> Views.number(e.trial().score())).orElse(null));
        data.put("model", o.model() != null);
        publish("finished", data);
    }

    /** The loop threw: the stream ends with a FAILED finish carrying the error. */
    synchronized void crashed(Throwable t) {
        crash = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        phase = "finished";
        var data = new LinkedHashMap<String, Object>();
        data.put("experiment", id);
        data.put("status", ExperimentStatus.FAILED.name());
        data.put("stopReason", "the experiment failed: " + crash);
        data.put("model", false);
        publish("finished", data);
    }

    synchronized boolean done() {
        return outcome != null || crash != null;
    }

    /**
     * Replays the kept events to the subscriber, then, unless the experiment has finished, keeps
     * it for live ones.
     *
     * @param subscriber hears events; must return quickly
     */
    synchronized void subscribe(Consumer<Event> subscriber) {
        events.forEach(subscriber);
        if (!done()) {
            subscribers.add(subscriber);
        }
    }

    synchronized void unsubscribe(Consumer<Event> subscriber) {
        subscribers.remove(subscriber);
    }

    /** @return status, progress, elapsed time and best so far, as the API shows them */
    synchronized Map<String, Object> progress() {
        var out = new LinkedHashMap<String, Object>();
        out.put("phase", phase);
        out.put("trialsStarted", trialsStarted);
        out.put("trialsFinished", trialsFinished);
        out.put("trialsFailed", trialsFailed);
        out.put("maxTrials", maxTrials);
        out.put("maxDurationSeconds", maxDuration == null ? null : maxDuration.toMillis() / 1000.0);
        Duration elapsed = outcome != null ? outcome.elapsed() : Duration.between(started, clock.instant());
        double fraction = 0;
        if (maxTrials != null) {
            fraction = Math.max(fraction, trialsFinished / (double) maxTrials);
        }
        if (maxDuration != null) {
            fraction = Math.max(fraction, elapsed.toMillis() / (double) maxDuration.toMillis());
        }
        out.put("fraction", done() ? 1.0 : Math.min(0.99, fraction));
        out.put("elapsedSeconds", elapsed.toMillis() / 1000.0);
        out.put("cancelRequested", cancelRequested);
        var best = new LinkedHashMap<String, Object>();
        best.put("trial", bestTrial);
        best.put("learner", bestLearner);
        best.put("score", Views.number(bestScore));
        out.put("best", best);
        if (crash != null) {
            out.put("error", crash);
        }
        return out;
    }

    private void publish(String type, Map<String, Object> data) {
        var event = new Event(next++, type, Replies.json(data));
        if (events.size() < MAX_KEPT || event.last()) {
            events.add(event);
        }
        for (Consumer<Event> s : List.copyOf(subscribers)) {
            s.accept(event);
        }
        if (event.last()) {
            subscribers.clear();
        }
    }
}
