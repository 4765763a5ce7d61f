package dev.quarry.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quarry.runner.history.CostMetrics;
import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.history.LeaderboardEntry;
import dev.quarry.runner.trial.TrialResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The leaderboard as JSON, stable for scripts: key order is fixed, metrics are sorted by name, and
 * numbers that do not exist (a failed run's score) are {@code null}.
 *
 * <pre>
 * {"experiment": id, "metric": "auc", "direction": "MAXIMIZE",
 *  "entries": [{"rank": 1, "trial": 3, "run": "id_3", "learner": "...", "params": {...},
 *               "score": 0.79, "metrics": {...}, "fitSeconds": 1.2, "durationSeconds": 1.4,
 *               "status": "COMPLETED", "failure": null, "error": null, "worker": "local-1"}, ...]}
 * </pre>
 * Ranked entries come first in rank order; unranked ones (failed, running) have rank 0. The metrics
 * include the deployment cost ({@link CostMetrics}: per-row predict latency p50/p99 and artifact bytes)
 * when the run measured it.
 *
 * <p>{@link #reproducibleTree} is the same without anything that differs between two runs of the same
 * config and seed (experiment and run ids, fit and wall-clock durations, workers, latencies);
 * {@link #timingsTree} holds exactly those measurements, per trial.
 */
public final class LeaderboardJson {

    /** Shared mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private LeaderboardJson() {
    }

    /**
     * @param board the leaderboard
     * @return it as a JSON tree of maps and lists
     */
    public static Map<String, Object> toTree(Leaderboard board) {
        var root = new LinkedHashMap<String, Object>();
        root.put("experiment", board.experimentId());
        root.put("metric", board.metric());
        root.put("direction", board.direction().name());
        List<Object> entries = new ArrayList<>();
        for (LeaderboardEntry e : board.entries()) {
            TrialResult t = e.trial();
            var m = new LinkedHashMap<String, Object>();
            m.put("rank", e.rank());
            m.put("trial", t.number());
            m.put("run", t.runId());
            m.put("learner", t.params().learner());
            m.put("params", new TreeMap<>(t.params().values()));
            m.put("score", finite(t.score()));
            var metrics = new TreeMap<String, Object>();
            t.metrics().forEach((k, v) -> metrics.put(k, finite(v)));
            m.put("metrics", metrics);
            m.put("fitSeconds", t.fitSeconds());
            m.put("durationSeconds", t.duration().toMillis() / 1000.0);
            m.put("status", t.state().name());
            m.put("failure", t.failure() == null ? null : t.failure().name());
            m.put("error", t.error() == null ? null : t.error().lines().findFirst().orElse(""));
            m.put("worker", t.worker());
            entries.add(m);
        }
        root.put("entries", entries);
        return root;
    }

    /**
     * @param board the leaderboard
     * @return the entries without ids, workers or timings: a function of config, data and seed
     */
    public static Map<String, Object> reproducibleTree(Leaderboard board) {
        Map<String, Object> root = toTree(board);
        root.remove("experiment");
        for (Object o : (List<?>) root.get("entries")) {
            @SuppressWarnings("unchecked")
            var m = (Map<String, Object>) o;
            m.remove("run");
            m.remove("fitSeconds");
            m.remove("durationSeconds");
            m.remove("worker");
            ((Map<?, ?>) m.get("metrics")).keySet().removeAll(CostMetrics.TIMINGS);
        }
        return root;
    }

    /**
     * @param board the leaderboard
     * @return per trial, the measurements that vary between identical runs: fit and wall-clock
     *     seconds, predict latency p50/p99 (ms), the model's write time (ms), and the worker
     */
    public static Map<String, Object> timingsTree(Leaderboard board) {
        var root = new LinkedHashMap<String, Object>();
        root.put("experiment", board.experimentId());
        List<Object> entries = new ArrayList<>();
        for (LeaderboardEntry e : board.entries()) {
            TrialResult t = e.trial();
            var m = new LinkedHashMap<String, Object>();
            m.put("trial", t.number());
            m.put("fitSeconds", t.fitSeconds());
            m.put("durationSeconds", t.duration().toMillis() / 1000.0);
            for (String key : new TreeMap<>(t.metrics()).keySet()) {
                if (CostMetrics.TIMINGS.contains(key)) {
                    m.put(key, finite(t.metrics().get(key)));
                }
            }
            m.put("worker", t.worker());
            entries.add(m);
        }
        root.put("entries", entries);
        return root;
    }

    /**
     * @param tree a JSON tree of maps and lists
     * @param file where to write it pretty-printed, replaced if present
     */
    public static void writeTree(Map<String, Object> tree, Path file) {
        try {
            Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param board the leaderboard
     * @return pretty-printed JSON
     */
    public static String toJson(Leaderboard board) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(board));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param board the leaderboard
     * @param file where to write it, replaced if present
     */
    public static void write(Leaderboard board, Path file) {
        try {
            Files.writeString(file, toJson(board));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
