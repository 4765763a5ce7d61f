package dev.quarry.automl.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.quarry.automl.config.ConfigException;
import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.config.ExperimentConfig;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Reads {@code POST /api/v1/experiments}: the config as the body ({@code application/json} or
 * YAML), or as the {@code config} field of a {@code multipart/form-data} body whose {@code dataset}
 * file is the training CSV. The config is checked by {@link ConfigLoader}, as the CLI's is, so an
 * error names the key; dataset paths are confined to the workspace's data folder
 * ({@link DatasetPaths}); an upload is kept in {@code data/uploads/<random>/} and removed again if
 * the request fails. Runs on a worker thread (it moves files).
 *
 * @param config the validated config, its data paths resolved inside the data folder
 * @param uploadFolder the folder an uploaded dataset was moved to, or null
 */
record ExperimentSubmission(ExperimentConfig config, Path uploadFolder) {

    /** How the config names the request in messages and, by default, the experiment. */
    static final String SOURCE = "request";

    private static final YAMLMapper RAW = new YAMLMapper();

    static ExperimentSubmission read(RoutingContext ctx, Path dataFolder) {
        String type = ctx.request().getHeader("Content-Type");
        String mime = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return switch (mime) {
            case "application/json" -> fromText(ctx.body().asString(), ConfigLoader.Format.JSON, dataFolder, dataFolder, null);
            case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml" ->
                    fromText(ctx.body().asString(), ConfigLoader.Format.YAML, dataFolder, dataFolder, null);
            case "multipart/form-data" -> multipart(ctx, dataFolder);
            default -> throw new ApiException(415, "unsupported_media_type", "expected the config as application/json, "
                    + "application/yaml or multipart/form-data (fields 'config' and 'dataset'), got "
                    + (type == null ? "no Content-Type" : "'" + type + "'"), "Content-Type");
        };
    }

    private static ExperimentSubmission multipart(RoutingContext ctx, Path dataFolder) {
        String text = ctx.request().getFormAttribute("config");
        if (text == null) {
            throw ApiException.badRequest("invalid_config", "a multipart request needs a 'config' field holding the config",
                    "config");
        }
        List<FileUpload> uploads = ctx.fileUploads().stream().filter(u -> u.name().equals("dataset")).toList();
        if (uploads.size() != 1 || ctx.fileUploads().size() != 1) {
            throw ApiException.badRequest("invalid_dataset", "a multipart request needs exactly one file, in the field 'dataset'; got "
                    + ctx.fileUploads().size() + " file(s)", "dataset");
        }
        FileUpload upload = uploads.getFirst();
        String fileName = Path.of(upload.fileName() == null ? "" : upload.fileName()).getFileName() == null ? ""
                : Path.of(upload.fileName()).getFileName().toString();
        if (!fileName.matches("[A-Za-z0-9._-]{1,128}") || fileName.startsWith(".")) {
            throw ApiException.badRequest("invalid_dataset", "an uploaded dataset's file name must be letters, digits, '.', '_' or "
                    + "'-' (not starting with '.'), got '" + upload.fileName() + "'", "dataset");
        }
        Path folder = dataFolder.resolve("uploads").resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(folder);
            Files.move(Path.of(upload.uploadedFileName()), folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            delete(folder);
            throw new UncheckedIOException("cannot keep the uploaded dataset: " + e.getMessage(), e);
        }
        ConfigLoader.Format format = text.stripLeading().startsWith("{") ? ConfigLoader.Format.JSON : ConfigLoader.Format.YAML;
        try {
            return fromText(text, format, folder, dataFolder, folder);
        } catch (RuntimeException e) {
            delete(folder);
            throw e;
        }
    }

    private static ExperimentSubmission fromText(String text, ConfigLoader.Format format, Path base, Path dataFolder,
            Path uploadFolder) {
        ExperimentConfig config;
        try {
            config = ConfigLoader.parse(text == null ? "" : text, format, base, SOURCE);
        } catch (ConfigException e) {
            throw ApiException.badRequest("invalid_config", e.getMessage(), e.path());
        }
        JsonNode raw;
        try {
            raw = RAW.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (raw.has("workspace")) {
            throw ApiException.badRequest("invalid_config", SOURCE + ": $.workspace: the server's workspace is used; leave "
                    + "workspace out of configs sent to the API", "$.workspace");
        }
        DatasetPaths.confine(raw.path("data").path("train").asText(), base, dataFolder, "$.data.train");
        if (config.data().validation() != null) {
            DatasetPaths.confine(raw.path("data").path("validation").asText(), base, dataFolder, "$.data.validation");
        }
        return new ExperimentSubmission(config, uploadFolder);
    }

    /** Removes an upload kept for a request that then failed. */
    void discard() {
        if (uploadFolder != null) {
            delete(uploadFolder);
        }
    }

    static void delete(Path folder) {
        try {
            dev.quarry.runner.store.Workspace.deleteTree(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder + ": " + e.getMessage(), e);
        }
    }
}
