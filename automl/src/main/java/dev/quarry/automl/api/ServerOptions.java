package dev.quarry.automl.api;

import dev.quarry.automl.registry.ModelRef;
import java.nio.file.Path;

/**
 * How {@code quarry serve} runs.
 *
 * @param host the address to bind; 127.0.0.1 unless the user asks for another
 * @param port the port; 0 picks a free one
 * @param workspace the workspace folder (run history, data folder, registry, token)
 * @param maxExperiments experiments allowed to run at once, at least 1
 * @param maxBodyBytes the largest JSON or YAML request body
 * @param maxUploadBytes the largest multipart upload (dataset) body
 * @param model the registered model to serve alone (scoring-only mode), or null for the full API
 */
public record ServerOptions(String host, int port, Path workspace, int maxExperiments, long maxBodyBytes,
        long maxUploadBytes, ModelRef model) {

    /** The defaults of {@code quarry serve}, in one place. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default port. */
    public static final int DEFAULT_PORT = 8080;
    /** Default {@code --max-experiments}. */
    public static final int DEFAULT_MAX_EXPERIMENTS = 2;
    /** Default {@code --max-body-mb}. */
    public static final int DEFAULT_MAX_BODY_MB = 16;
    /** Default {@code --max-upload-mb}. */
    public static final int DEFAULT_MAX_UPLOAD_MB = 256;

    /** Validates. */
    public ServerOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host must name an address, got nothing");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 to 65535, got " + port);
        }
        if (maxExperiments < 1) {
            throw new IllegalArgumentException("--max-experiments must be at least 1, got " + maxExperiments);
        }
        if (maxBodyBytes < 1024 || maxUploadBytes < 1024) {
            throw new IllegalArgumentException("body limits must be at least 1024 bytes, got " + maxBodyBytes + " and "
                    + maxUploadBytes);
        }
    }

    /**
     * @param workspace the workspace
     * @return the defaults on a free port
     */
    public static ServerOptions defaults(Path workspace) {
        return new ServerOptions(DEFAULT_HOST, 0, workspace, DEFAULT_MAX_EXPERIMENTS, DEFAULT_MAX_BODY_MB << 20,
                (long) DEFAULT_MAX_UPLOAD_MB << 20, null);
    }
}
