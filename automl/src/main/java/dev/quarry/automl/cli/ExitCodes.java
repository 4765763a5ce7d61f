package dev.quarry.automl.cli;

/** The process exit codes of the {@code quarry} command. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** The experiment ran but produced no model. */
    static final int FAILED = 1;
    /** Bad config, bad data or bad usage; nothing was run. */
    static final int BAD_INPUT = 2;
    /** Cancelled by the user (as a shell reports SIGINT). */
    static final int CANCELLED = 130;

    private ExitCodes() {
    }
}
