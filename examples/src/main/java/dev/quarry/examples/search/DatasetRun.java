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
 * One strategy on one dataset: a real experiment (CSV, a 20% holdout, local executor, SQLite run
 * store) with a wall-clock budget, one worker, no ensemble. Holdout rather than k-fold so that a
 * short budget on a busy machine still holds enough trials for the search to matter. The curve is
 * the best validation score after each child run, against the seconds since the experiment started.
 */
final class DatasetRun {

    /** @param seconds since the start @param best best score so far, in the metric's direction */
    record Point(double seconds, double best) {
    }

    /** @param curve the points @param trials child runs recorded @param larger whether larger scores are better */
    record Result(List<Point> curve, int trials, boolean larger) {
    }

    private DatasetRun() {
    }

    static Result run(Path csv, String target, String task, Strategy strategy, long seed, Duration budget, Path work)
            throws Exception {
        String yaml = """
                name: bench
                data: {train: '%s', target: '%s', task: %s}
                budget: {maxDuration: %ds}
                validation: {type: holdout, fraction: 0.2}
                executor: {type: local, parallelism: 1}
                ensemble: {enabled: false}
                seed: %d
                search: %s
                workspace: '%s'
                """.formatted(csv.toAbsolutePath(), target, task, budget.toSeconds(), seed, strategy.yaml,
                work.toAbsolutePath());
        ExperimentConfig config = ConfigLoader.parse(yaml, ConfigLoader.Format.YAML, work, "bench.yaml", "bench");
        Instant start = Instant.now();
        var prepared = Experiments.prepare(config, "bench.yaml", start);
        boolean larger = prepared.experiment().metric().direction() == dev.quarry.search.history.Direction.MAXIMIZE;
        var workspace = Workspace.open(work);
        var curve = new ArrayList<Point>();
        int[] trials = {0};
        var listener = new ExperimentListener() {
            @Override
            public void trialFinished(TrialResult result, boolean newBest, double best, Duration elapsed) {
                trials[0]++;
                if (!Double.isNaN(best)) {
                    curve.add(new Point(elapsed.toMillis() / 1000.0, best));
                }
            }
        };
        try (var store = SqliteRunStore.open(workspace.database())) {
            Experiments.loop(prepared, store, workspace, listener, start, Map.of()).run();
        }
        return new Result(curve, trials[0], larger);
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
