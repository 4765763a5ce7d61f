package dev.quarry.automl.cli;

import dev.quarry.automl.experiment.ExperimentListener;
import dev.quarry.automl.experiment.ExperimentOutcome;
import dev.quarry.automl.experiment.ResolvedExperiment;
import dev.quarry.automl.experiment.TrialExecutors;
import dev.quarry.runner.trial.TrialResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows an experiment's progress on the console. On a terminal: a live progress bar over the time
 * budget (or the trial count) with trials done, failures, best score and time left. Elsewhere
 * (logs, CI): one line per finished trial, so output stays readable when captured. The bar goes to
 * standard error so that standard output stays clean for scripts.
 */
final class ConsoleProgress implements ExperimentListener {

    private final PrintWriter out;
    private final boolean live;
    private ProgressBar bar;
    private ResolvedExperiment experiment;
    private int done;
    private int failed;

    /**
     * @param out where to write text; the live bar is drawn on standard error
     * @param live whether to draw a live bar (a terminal) rather than lines
     */
    ConsoleProgress(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public void started(ResolvedExperiment e) {
        experiment = e;
        out.printf(Locale.ROOT, "Experiment %s: %s task, target '%s', metric %s (%s)%n", e.id(),
                e.task().name().toLowerCase(Locale.ROOT), e.folds().getFirst().trainTarget().column(), e.metric().id(),
                e.metric().direction() == dev.quarry.search.history.Direction.MAXIMIZE ? "higher is better" : "lower is better");
        out.printf(Locale.ROOT, "Validation: %s. Learners: %s. Workers: %s.%n", e.validation(),
                String.join(", ", e.learners().stream().map(l -> l.name()).toList()),
                TrialExecutors.describe(e.config().executor(), e.parallelism()));
        out.printf(Locale.ROOT, "Budget: %s%s.%n",
                e.maxDuration() == null ? "no time limit" : "max " + human(e.maxDuration()),
                e.config().budget().maxTrials() == null ? "" : ", max " + e.config().budget().maxTrials() + " trials");
        out.flush();
        if (live) {
            boolean byTime = e.maxDuration() != null;
            bar = new ProgressBarBuilder().setTaskName(byTime ? "budget" : "trials")
                    .setInitialMax(byTime ? e.maxDuration().toSeconds() : e.config().budget().maxTrials())
                    .setUnit(byTime ? "s" : "", 1).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .continuousUpdate().hideEta().setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }
    }

    @Override
    public void trialFinished(TrialResult r, boolean newBest, double best, Duration elapsed) {
        done++;
        if (r.failure() != null) {
            failed++;
        }
        if (live) {
            bar.stepTo(experiment.maxDuration() != null ? elapsed.toSeconds() : done);
            String left = experiment.maxDuration() == null ? ""
                    : " | " + human(experiment.maxDuration().minus(elapsed)) + " left";
            bar.setExtraMessage(String.format(Locale.ROOT, "%d trials, %d failed | best %s %.4f%s", done, failed,
                    experiment.metric().id(), best, left));
        } else {
            String what = r.failure() != null ? r.failure().name() + ": " + firstLine(r.error())
                    : String.format(Locale.ROOT, "%s %.4f%s", experiment.metric().id(), r.score(), newBest ? " *best*" : "");
            out.printf(Locale.ROOT, "[%6.1fs] trial %3d %-28s %s (%.1fs on %s)%n", elapsed.toMillis() / 1000.0, r.number(),
                    r.params().learner(), what, r.duration().toMillis() / 1000.0, r.worker());
            out.flush();
        }
    }

    @Override
    public void phase(String description) {
        closeBar();
        out.println(description);
        out.flush();
    }

    @Override
    public void finished(ExperimentOutcome outcome) {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
