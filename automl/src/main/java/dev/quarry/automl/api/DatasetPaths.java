package dev.quarry.automl.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps dataset paths of API requests inside the workspace's data folder: a path must be relative,
 * have no {@code ..} segment, name an existing file, and not lead out of the folder through a
 * symbolic link (checked on the real path, so a link anywhere along the way counts).
 */
final class DatasetPaths {

    private DatasetPaths() {
    }

    /**
     * @param raw the path as the request wrote it
     * @param base the folder it is relative to (the data folder, or an upload's folder inside it)
     * @param root the data folder nothing may leave
     * @param field the config key, for the error, e.g. {@code $.data.train}
     * @return the resolved path, inside {@code root}
     * @throws ApiException 400 naming the field otherwise
     */
    static Path confine(String raw, Path base, Path root, String field) {
        if (raw.isEmpty()) {
            throw ApiException.badRequest("invalid_dataset", "expected a file in the workspace's data folder, got an empty path",
                    field);
        }
        if (raw.startsWith("/") || raw.startsWith("\\") || raw.startsWith("~") || Path.of(raw).isAbsolute()
                || raw.matches("^[A-Za-z]:.*")) {
            throw ApiException.badRequest("invalid_dataset", "expected a path relative to the workspace's data folder, got the "
                    + "absolute path '" + raw + "'", field);
        }
        for (String segment : raw.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw ApiException.badRequest("invalid_dataset", "a dataset path must stay inside the workspace's data folder; "
                        + "'..' is not allowed, got '" + raw + "'", field);
            }
        }
        Path resolved = base.resolve(raw).normalize();
        if (!resolved.startsWith(root) || !Files.isRegularFile(resolved)) {
            throw ApiException.badRequest("invalid_dataset", "no file '" + raw + "' in the workspace's data folder", field);
        }
        try {
            if (!resolved.toRealPath().startsWith(root.toRealPath())) {
                throw ApiException.badRequest("invalid_dataset", "'" + raw
                        + "' is a symbolic link leading out of the workspace's data folder", field);
            }
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_dataset", "cannot read '" + raw + "': " + e.getMessage(), field);
        }
        return resolved;
    }
}
