package dev.quarry.automl.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quarry} command: the entry point users start. */
@Command(name = "quarry", mixinStandardHelpOptions = true, versionProvider = QuarryCli.Version.class,
        description = "AutoML experiment runner for the JVM: searches learners and hyperparameters under a budget "
                + "and saves the best model.",
        subcommands = {RunCommand.class, PredictCommand.class, LeaderboardCommand.class, ReportCommand.class, LearnersCommand.class,
                ResumeCommand.class, WorkerCommand.class, ServeCommand.class, ModelCommand.class,
                CommandLine.HelpCommand.class})
public final class QuarryCli {

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // The progress bar's JLine warns at every start that its jansi provider is deprecated; users cannot act on it.
        System.setProperty("org.jline.terminal.disableDeprecatedProviderWarning", "true");
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line, for tests that run it in-process */
    public static CommandLine commandLine() {
        return new CommandLine(new QuarryCli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    e.printStackTrace(cmd.getErr());
                    return ExitCodes.FAILED;
                });
        // picocli already exits with 2 (its ExitCode.USAGE, our BAD_INPUT) on invalid usage.
    }

    /** Prints Quarry's version and those of the libraries it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Map<String, String> v = LibraryVersions.current();
            return new String[] {"quarry " + v.get("quarry"), "java " + v.get("java"), "smile " + v.get("smile"),
                    "tribuo " + v.get("tribuo")};
        }
    }
}
