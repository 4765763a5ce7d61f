package dev.quarry.automl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments of the commands that read an experiment back: its id or folder, and the workspace. */
final class ExperimentArgs {

    @Parameters(index = "0", paramLabel = "<experiment>",
            description = "an experiment id, or its folder (<workspace>/runs/<id>)")
    private String experiment;

    @Option(names = "--workspace", paramLabel = "<dir>", defaultValue = "quarry-workspace",
            description = "the workspace holding quarry.db (default: ${DEFAULT-VALUE}); ignored when a folder is given")
    private Path workspace;

    /** @return where the experiment is */
    ExperimentLocation location() {
        return ExperimentLocation.of(experiment, workspace);
    }
}
