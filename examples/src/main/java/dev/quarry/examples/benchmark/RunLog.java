package dev.quarry.examples.benchmark;

import dev.quarry.automl.experiment.ExperimentListener;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.TrialState;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;

/**
 * A Quarry contender's progress as lines of text, each stamped with the seconds since its JVM started
 * (the clock its budget runs on): every finished child run and every phase of the final step
 * (ensembles, stacking given up, refits, shipping). The harness keeps a contender's output beside its
 * result ({@code <contender>@<budget>.json.log}), so a run that ended oddly can be read back without
 * running it again.
 */
final class RunLog implements ExperimentListener {

    private final PrintStream out;
    private final Instant start;
    private final InstantSource clock;

    /**
     * @param out where the lines go
     * @param start the time stamps' zero (the contender JVM's start)
     * @param clock the time source
     */
    RunLog(PrintStream out, Instant start, InstantSource clock) {
        this.out = out;
        this.start = start;
        this.clock = clock;
    }

    @Override
    public void trialFinished(TrialResult r, boolean newBest, double best, Duration elapsed) {
        String outcome = r.state() == TrialState.COMPLETED ? String.format(Locale.ROOT, "%.4f%s", r.score(),
                newBest ? " *best*" : "") : r.state() + (r.failure() == null ? "" : " " + r.failure());
        line(String.format(Locale.ROOT, "trial %d %s %s (%.1fs on %s)", r.number(), r.params().learner(), outcome,
                r.duration().toMillis() / 1000.0, r.worker()));
    }

    @Override
    public void phase(String description) {
        line(description);
    }

    private void line(String text) {
        out.printf(Locale.ROOT, "[%7.1fs] %s%n", Duration.between(start, clock.instant()).toMillis() / 1000.0, text);
        out.flush();
    }
}
