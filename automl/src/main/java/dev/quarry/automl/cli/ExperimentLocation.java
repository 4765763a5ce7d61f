package dev.quarry.automl.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the commands that read an experiment back find it: an id in a workspace, or the
 * experiment's folder ({@code <workspace>/runs/<id>}), whose workspace then wins over {@code --workspace}.
 *
 * @param id the experiment id
 * @param root the workspace folder
 */
record ExperimentLocation(String id, Path root) {

    /**
     * @param experiment an id or a folder
     * @param workspace the {@code --workspace} option
     * @return where it is
     */
    static ExperimentLocation of(String experiment, Path workspace) {
        Path folder = Path.of(experiment);
        if (Files.isDirectory(folder) && folder.toAbsolutePath().getParent() != null) {
            Path abs = folder.toAbsolutePath().normalize();
            return new ExperimentLocation(abs.getFileName().toString(), abs.getParent().getParent());
        }
        return new ExperimentLocation(experiment, workspace);
    }

    /** @return the run history file */
    Path database() {
        return root.resolve("quarry.db");
    }
}
