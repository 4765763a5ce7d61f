package dev.quarry.examples.search;

import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.experiment.ExperimentListener;
import dev.quarry.automl.experiment.Experiments;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One strategy on one dataset: a real experiment (CSV, local executor, SQLite run store) with a
 * wall-clock budget, one worker, no ensemble, validated on a 20% holdout (many trials in a short
 * budget, each scored noisily) or by Quarry's {@code auto} rule (k-fold on these sizes: fewer
 * trials, each scored more surely). The curve is the best validation score after each child run,
 * against the seconds since the experiment started.
 */
final class DatasetRun {

    /** @param seconds since the start @param best best score so far, in the metric's direction */
    record Point(double seconds, double best) {
    }

    /**
     * One child run, for the per-trial log.
     *
     * @param trial its number
     * @param seconds when it finished, since the start
     * @param learner its learner
     * @param params its params
     * @param state how it ended
     * @param fitSeconds its fit time over its folds
     * @param score its validation score, NaN if it did not complete
     */
    record TrialRow(int trial, double seconds, String learner, String params, String state, double fitSeconds,
            double score) {
    }

    /**
     * @param curve the points
     * @param trials child runs recorded
     * @param larger whether larger scores are better
     * @param rows every child run, in the order they finished
     */
    record Result(List<Point> curve, int trials, boolean larger, List<TrialRow> rows) {
    }

    /** How the runs validate. */
    enum Validation {
        /** A 20% holdout. */
        HOLDOUT("{type: holdout, fraction: 0.2}", "20% holdout"),
        /** Quarry's default rule ({@code validation: auto}). */
        AUTO("{type: auto}", "validation: auto (k-fold below 20,000 rows)");

        final String yaml;
        final String description;

        Validation(String yaml, String description) {
            this.yaml = yaml;
            this.description = description;
        }

        static Validation parse(String text) {
            return switch (text) {
                case "holdout" -> HOLDOUT;
                case "auto" -> AUTO;
                default -> throw new IllegalArgumentException("--validation must be holdout or auto, got " + text);
            };
        }
    }

    private DatasetRun() {
    }

    static Result run(Path csv, String target, String task, Strategy strategy, long seed, Duration budget,
            Validation validation, Path work)
            throws Exception {
        String yaml = """
                name: bench
                data: {train: '%s', target: '%s', task: %s}
                budget: {maxDuration: %ds}
                validation: %s
                executor: {type: local, parallelism: 1}
                ensemble: {enabled: false}
                seed: %d
                search: %s
                workspace: '%s'
                """.formatted(csv.toAbsolutePath(), target, task, budget.toSeconds(), validation.yaml, seed, strategy.yaml,
                work.toAbsolutePath());
        ExperimentConfig config = ConfigLoader.parse(yaml, ConfigLoader.Format.YAML, work, "bench.yaml", "bench");
        Instant start = Instant.now();
        var prepared = Experiments.prepare(config, "bench.yaml", start);
        boolean larger = prepared.experiment().metric().direction() == dev.quarry.search.history.Direction.MAXIMIZE;
        var workspace = Workspace.open(work);
        var curve = new ArrayList<Point>();
        int[] trials = {0};
        var rows = new ArrayList<TrialRow>();
        var listener = new ExperimentListener() {
            @Override
            public void trialFinished(TrialResult result, boolean newBest, double best, Duration elapsed) {
                trials[0]++;
                rows.add(new TrialRow(result.number(), elapsed.toMillis() / 1000.0, result.params().learner(),
                        result.params().values().toString(), result.state().name(), result.fitSeconds(), result.score()));
                if (!Double.isNaN(best)) {
                    curve.add(new Point(elapsed.toMillis() / 1000.0, best));
                }
            }
        };
        try (var store = SqliteRunStore.open(workspace.database())) {
            Experiments.loop(prepared, store, workspace, listener, start, Map.of()).run();
        }
        return new Result(curve, trials[0], larger, List.copyOf(rows));
    }

    /**
     * @param curve a curve
     * @param target a score
     * @param larger whether larger is better
     * @return the first time the best reached the target, or NaN
     */
    static double timeToReach(List<Point> curve, double target, boolean larger) {
        for (Point p : curve) {
            if (larger ? p.best() >= target : p.best() <= target) {
                return p.seconds();
            }
        }
        return Double.NaN;
    }
}
