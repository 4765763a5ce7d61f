package dev.quarry.automl.cli;

import dev.quarry.automl.config.ConfigException;
import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.experiment.ExperimentLoop;
import dev.quarry.automl.experiment.ExperimentOutcome;
import dev.quarry.automl.experiment.Experiments;
import dev.quarry.automl.report.ReportFiles;
import dev.quarry.featurize.DataException;
import dev.quarry.reports.LeaderboardText;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.store.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

    @Option(names = "--no-progress", description = "print one line per trial instead of a live progress bar")
    private boolean noProgress;

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
        boolean live = !noProgress && System.console() != null && System.console().isTerminal();
        PrintWriter out = spec.commandLine().getOut();
        try (var store = SqliteRunStore.open(workspace.database())) {
            ExperimentLoop loop = Experiments.loop(prepared, store, workspace, new ConsoleProgress(out, live), budgetStart,
                    LibraryVersions.current());
            var done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                loop.cancel();
                try {
                    done.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "quarry-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            ExperimentOutcome outcome;
            try {
                outcome = loop.run();
            } finally {
                done.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting because of Ctrl-C; the hook has done its job.
            }
            printSummary(out, outcome, workspace);
            out.flush();
            return switch (outcome.status()) {
                case COMPLETED -> ExitCodes.OK;
                case CANCELLED -> ExitCodes.CANCELLED;
                case FAILED, RUNNING -> ExitCodes.FAILED;
            };
        }
    }

    private static void printSummary(PrintWriter out, ExperimentOutcome outcome, Workspace workspace) {
        out.println();
        out.printf(Locale.ROOT, "Stopped: %s after %.1fs.%n", outcome.stopReason().description(),
                outcome.elapsed().toMillis() / 1000.0);
        out.println();
        out.print(LeaderboardText.render(outcome.leaderboard(), 10));
        out.println();
        if (outcome.model() != null) {
            var best = outcome.leaderboard().entries().stream().map(e -> e.trial())
                    .filter(t -> t.number() == outcome.modelTrial()).findFirst().orElseThrow();
            out.printf(Locale.ROOT, "Model shipped: trial %d, %s, %s %.4f (%s)%n", best.number(), best.params().learner(),
                    outcome.leaderboard().metric(), best.score(), outcome.modelFit());
            out.println("Model:       " + outcome.model().toAbsolutePath());
        } else {
            out.println("No model was saved: " + (outcome.status() == ExperimentStatus.FAILED ? "no trial succeeded." : "see the log."));
        }
        out.println("Leaderboard: " + workspace.outputs(outcome.experimentId()).resolve("leaderboard.json").toAbsolutePath());
        out.println("Report:      " + ReportFiles.report(workspace, outcome.experimentId()).toAbsolutePath());
        out.println("Run history: " + workspace.database().toAbsolutePath());
        out.println("Experiment folder: " + outcome.folder().toAbsolutePath());
    }
}
