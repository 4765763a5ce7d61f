package dev.quarry.automl.cli;

import dev.quarry.reports.LeaderboardJson;
import dev.quarry.reports.LeaderboardText;
import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code quarry leaderboard}: prints an experiment's ranked child runs from the run history. */
@Command(name = "leaderboard", mixinStandardHelpOptions = true,
        description = "Print an experiment's leaderboard from the run history (all child runs, failed ones last).")
final class LeaderboardCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ExperimentArgs args;

    @Option(names = "--json", description = "print JSON: rank, trial, learner, params, score, metrics (predict_p50_ms, predict_p99_ms, artifact_bytes included), fit time, status")
    private boolean json;

    @Option(names = "--top", paramLabel = "<n>", defaultValue = "10", description = "rows in the text table (default: ${DEFAULT-VALUE})")
    private int top;

    @Override
    public Integer call() {
        var location = args.location();
        String id = location.id();
        Path root = location.root();
        Path db = location.database();
        if (!Files.isRegularFile(db)) {
            spec.commandLine().getErr().println("error: no run history at " + db + " (give --workspace or the experiment's folder)");
            return ExitCodes.BAD_INPUT;
        }
        try (var store = SqliteRunStore.open(Workspace.open(root).database())) {
            Optional<ExperimentRecord> record = store.experiment(id);
            if (record.isEmpty()) {
                spec.commandLine().getErr().println("error: no experiment " + id + " in " + db);
                return ExitCodes.BAD_INPUT;
            }
            var e = record.get();
            Leaderboard board = Leaderboard.of(id, e.metric(), e.direction(), store.trials(id));
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(LeaderboardJson.toJson(board));
            } else {
                out.printf("Experiment %s (%s): %s%n", id, e.status(), e.stopReason() == null ? "running" : e.stopReason());
                out.print(LeaderboardText.render(board, top));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
