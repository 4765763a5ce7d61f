package dev.quarry.automl.cli;

import dev.quarry.automl.experiment.ExperimentLoop;
import dev.quarry.automl.experiment.ExperimentOutcome;
import dev.quarry.automl.report.ReportFiles;
import dev.quarry.reports.LeaderboardText;
import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.Workspace;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs an experiment loop to its end for {@code quarry run} and {@code quarry resume}: Ctrl-C (or any
 * SIGTERM) cancels the loop, which cancels its running trials on whatever executor (local threads are
 * abandoned, worker JVMs killed), records them and saves the best model so far before the JVM exits;
 * then prints the summary and turns the outcome into an exit code.
 */
final class LoopRun {

    private LoopRun() {
    }

    /**
     * @param loop the loop, not yet run
     * @param workspace its workspace
     * @param out where the summary goes
     * @return the exit code
     */
    static int toEnd(ExperimentLoop loop, Workspace workspace, PrintWriter out) {
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
            case FAILED, RUNNING, INTERRUPTED -> ExitCodes.FAILED;
        };
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
