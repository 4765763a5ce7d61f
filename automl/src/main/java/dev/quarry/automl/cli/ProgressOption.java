package dev.quarry.automl.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --no-progress}, shared by the commands that run an experiment: a live progress bar when the
 * output is a terminal, one line per trial otherwise or when asked.
 */
final class ProgressOption {

    @Option(names = "--no-progress", description = "print one line per trial instead of a live progress bar")
    private boolean noProgress;

    /**
     * @param out where progress goes
     * @return the console listener, live only on a terminal and without {@code --no-progress}
     */
    ConsoleProgress listener(PrintWriter out) {
        boolean live = !noProgress && System.console() != null && System.console().isTerminal();
        return new ConsoleProgress(out, live);
    }
}
