package dev.quarry.featurize;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared public datasets, which sit beside the repository in ../shared/datasets. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * @param file a file name from shared/datasets
     * @return its path
     */
    public static Path path(String file) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("datasets").resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("dataset " + file + " not found in any shared/datasets above "
                + Path.of("").toAbsolutePath());
    }
}
