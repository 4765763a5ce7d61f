package dev.quarry.automl.cli;

import dev.quarry.automl.config.ConfigException;
import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.experiment.ExperimentLoop;
import dev.quarry.automl.experiment.Experiments;
import dev.quarry.featurize.DataException;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quarry run <config>}: runs an experiment and saves its best model. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an AutoML experiment described by a YAML or JSON config.",
                "Prints progress and the top-10 leaderboard; the last line is the experiment's folder."})
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<config>", description = "the experiment config (.yaml, .yml or .json)")
    private Path configFile;

    @Option(names = "--workspace", paramLabel = "<dir>", description = "overrides the config's workspace folder")
    private Path workspaceOverride;

    @Mixin
    private ProgressOption progress;

    @Override
    public Integer call() {
        Instant budgetStart = Instant.now();
        PrintWriter err = spec.commandLine().getErr();
        Experiments.Prepared prepared;
        try {
            ExperimentConfig config = ConfigLoader.load(configFile);
            prepared = Experiments.prepare(config, configFile.getFileName().toString(), budgetStart);
        } catch (ConfigException | DataException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        PrintWriter guardOut = spec.commandLine().getOut();
        guardOut.print(prepared.experiment().guardrails().render());
        guardOut.println();
        guardOut.flush();
        Workspace workspace = Workspace.open(workspaceOverride != null ? workspaceOverride : prepared.config().workspace());
        PrintWriter out = spec.commandLine().getOut();
        try (var store = SqliteRunStore.open(workspace.database())) {
            ExperimentLoop loop = Experiments.loop(prepared, store, workspace, progress.listener(out), budgetStart,
                    LibraryVersions.current());
            return LoopRun.toEnd(loop, workspace, out);
        }
    }
}
