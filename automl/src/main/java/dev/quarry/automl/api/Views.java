package dev.quarry.automl.api;

import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.trial.TrialResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of run-history values in responses. Stateless. */
final class Views {

    private Views() {
    }

    /** A double as JSON allows: NaN and infinities become null. */
    static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static Map<String, Object> experiment(ExperimentRecord e, LiveExperiment live, Instant now) {
        var out = new LinkedHashMap<String, Object>();
        out.put("id", e.id());
        out.put("name", e.name());
        out.put("status", e.status().name());
        out.put("task", e.task().toLowerCase(java.util.Locale.ROOT));
        out.put("metric", e.metric());
        out.put("direction", e.direction().name());
        out.put("seed", e.seed());
        out.put("dataset", e.dataset());
        out.put("datasetHash", e.datasetHash());
        out.put("created", e.created().toString());
        out.put("finished", e.finished() == null ? null : e.finished().toString());
        out.put("elapsedSeconds", Duration.between(e.created(), e.finished() != null ? e.finished() : now).toMillis() / 1000.0);
        out.put("stopReason", e.stopReason());
        var best = new LinkedHashMap<String, Object>();
        best.put("trial", e.bestTrial());
        best.put("score", number(e.bestScore()));
        out.put("best", best);
        if (live != null) {
            out.put("progress", live.progress());
        }
        out.put("libraryVersions", e.libraryVersions());
        return out;
    }

    /** An experiment accepted but whose loop has not recorded it yet. */
    static Map<String, Object> starting(LiveExperiment live) {
        var out = new LinkedHashMap<String, Object>();
        out.put("id", live.id());
        out.put("name", live.name());
        out.put("status", "RUNNING");
        out.put("progress", live.progress());
        return out;
    }

    static Map<String, Object> trial(TrialResult r) {
        var out = new LinkedHashMap<String, Object>();
        out.put("trial", r.number());
        out.put("run", r.runId());
        out.put("learner", r.params().learner());
        out.put("params", r.params().values());
        out.put("state", r.state().name());
        out.put("score", number(r.score()));
        var metrics = new LinkedHashMap<String, Object>();
        new java.util.TreeMap<>(r.metrics()).forEach((k, v) -> metrics.put(k, number(v)));
        out.put("metrics", metrics);
        out.put("failure", r.failure() == null ? null : r.failure().name());
        out.put("error", r.error());
        out.put("started", r.started().toString());
        out.put("finished", r.finished().toString());
        out.put("fitSeconds", r.fitSeconds());
        out.put("worker", r.worker());
        out.put("seed", r.seed());
        return out;
    }
}
