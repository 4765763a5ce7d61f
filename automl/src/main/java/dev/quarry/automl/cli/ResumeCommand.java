package dev.quarry.automl.cli;

import dev.quarry.automl.config.ConfigException;
import dev.quarry.automl.experiment.ExperimentLoop;
import dev.quarry.automl.experiment.Experiments;
import dev.quarry.featurize.DataException;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quarry resume <experiment>}: continues an experiment whose coordinator was killed, from the
 * run history: finished child runs are kept and not run again, trials it left running are run again
 * under their number, and the time budget goes on from what was used (see {@link ExperimentLoop#resuming}).
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue an experiment whose quarry process was killed, with the budget it has left.",
                "Run it from the folder `quarry run` was started in if the config's data path was relative."})
final class ResumeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<experiment>", description = "the experiment id")
    private String experiment;

    @Option(names = "--workspace", paramLabel = "<dir>", defaultValue = "quarry-workspace",
            description = "the workspace holding quarry.db (default: ${DEFAULT-VALUE})")
    private Path workspaceDir;

    @Mixin
    private ProgressOption progress;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        PrintWriter err = spec.commandLine().getErr();
        Path db = workspaceDir.resolve("quarry.db");
        if (!Files.isRegularFile(db)) {
            err.println("error: no run history at " + db + " (give --workspace)");
            return ExitCodes.BAD_INPUT;
        }
        Workspace workspace = Workspace.open(workspaceDir);
        PrintWriter out = spec.commandLine().getOut();
        try (var store = SqliteRunStore.open(workspace.database())) {
            Optional<ExperimentRecord> record = store.experiment(experiment);
            if (record.isEmpty()) {
                err.println("error: no experiment " + experiment + " in " + db);
                return ExitCodes.BAD_INPUT;
            }
            ExperimentStatus status = record.get().status();
            if (status != ExperimentStatus.RUNNING && status != ExperimentStatus.INTERRUPTED) {
                err.println("error: experiment " + experiment + " is " + status + "; only an experiment whose quarry "
                        + "process died while it ran (status RUNNING, or INTERRUPTED once quarry serve noticed) can be resumed");
                return ExitCodes.BAD_INPUT;
            }
            Experiments.Prepared prepared;
            try {
                prepared = Experiments.prepareResume(record.get());
            } catch (ConfigException | DataException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
                ExperimentLoop loop;
            try {
                loop = Experiments.resumeLoop(prepared, store, workspace, progress.listener(out), now,
                        LibraryVersions.current());
            } catch (IllegalStateException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            out.println("Resuming experiment " + experiment + ".");
            return LoopRun.toEnd(loop, workspace, out);
        }
    }
}
