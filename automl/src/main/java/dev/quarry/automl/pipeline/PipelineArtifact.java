package dev.quarry.automl.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.ModelBytes;
import dev.quarry.featurize.DataException;
import dev.quarry.featurize.transform.FittedFeaturizer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes and reads a pipeline as one folder:
 * <pre>
 *   pipeline.json                 {@link PipelineInfo} (without the experiment id) plus the member weights
 *                                 and the {@link Stacker}, if the members are stacked
 *   members/&lt;i&gt;/featurizer.json  the fitted featurizer (JSON)
 *   members/&lt;i&gt;/model.bin       the fitted model (Java serialization through {@link ModelBytes},
 *                                 gzip-compressed since format 3)
 *   lineage.json                  the experiment id and the content hash of all the files above
 * </pre>
 * The files other than {@code lineage.json} are the model's content: the same fit (same config,
 * data and seed) writes the same bytes, and their SHA-256 ({@link #contentHash}) is the same.
 * {@link #read} checks the hash, so a model whose files were changed or mixed up is refused.
 * The folder is written under a temporary name and moved into place, so a crash never leaves a
 * half-written model where a reader would find it.
 */
public final class PipelineArtifact {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private PipelineArtifact() {
    }

    /**
     * The manifest as stored: the info, one weight per member, and the stacking meta-learner if any
     * (left out when absent, so averaged pipelines keep their bytes).
     */
    record Manifest(PipelineInfo info, List<Double> weights,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            Stacker stacker) {
    }

    /**
     * Where the model came from and what it holds, kept apart from the content so the content's bytes
     * depend only on the fit.
     *
     * @param experimentId the experiment that made it
     * @param contentSha256 {@link #contentHash} of the folder when it was written
     */
    record Lineage(String experimentId, String contentSha256) {
    }

    private static final String LINEAGE = "lineage.json";

    /**
     * @param pipeline the pipeline
     * @param dir the folder to create; must not exist
     * @throws UncheckedIOException on I/O failure
     */
    public static void write(Pipeline pipeline, Path dir) {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        try {
            dev.quarry.runner.store.Workspace.deleteTree(tmp);
            Files.createDirectories(tmp);
            writeMembers(pipeline.members(), tmp.resolve("members"));
            List<Double> weights = pipeline.members().stream().map(PipelineMember::weight).toList();
            JSON.writeValue(tmp.resolve("pipeline.json").toFile(), new Manifest(pipeline.info().withExperimentId(null), weights,
                    pipeline.stacker()));
            String hash = contentHash(tmp);
            JSON.writeValue(tmp.resolve(LINEAGE).toFile(), new Lineage(pipeline.info().experimentId(), hash));
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes each member to {@code members/<i>}, several at once: serialising and compressing a forest
     * runs at a few MB a second on one core, so an ensemble of fold models took seconds per member on
     * one thread while the other cores, free once the search is over, waited. Each member's files are
     * the same whichever thread writes them.
     */
    private static void writeMembers(List<PipelineMember> members, Path dir) throws IOException {
        int threads = Math.max(1, Math.min(members.size(), Runtime.getRuntime().availableProcessors()));
        var futures = new ArrayList<java.util.concurrent.Future<?>>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon()
                .name("quarry-model-writer-", 0).factory())) {
            for (int i = 0; i < members.size(); i++) {
                PipelineMember m = members.get(i);
                Path memberDir = dir.resolve(Integer.toString(i));
                futures.add(pool.submit(() -> {
                    writeMember(m, memberDir);
                    return null;
                }));
            }
            for (var f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("writing a model member failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing the model to " + dir);
        }
    }

    private static void writeMember(PipelineMember m, Path memberDir) throws IOException {
        Files.createDirectories(memberDir);
        m.featurizer().write(memberDir.resolve("featurizer.json"));
        try (var out = new BufferedOutputStream(Files.newOutputStream(memberDir.resolve("model.bin")))) {
            ModelBytes.writeCompressed(m.model(), out);
        }
    }

    /**
     * @param dir a folder written by {@link #write}
     * @return the pipeline
     * @throws DataException if the folder is not a Quarry model or was written by an unknown format version
     */
    public static Pipeline read(Path dir) {
        Path manifestFile = dir.resolve("pipeline.json");
        if (!Files.isRegularFile(manifestFile)) {
            throw new DataException(dir + " is not a Quarry model folder: it has no pipeline.json");
        }
        try {
            Manifest manifest = JSON.readValue(manifestFile.toFile(), Manifest.class);
            if (!PipelineInfo.READABLE_FORMATS.contains(manifest.info().formatVersion())) {
                throw new DataException(manifestFile + ": model format " + manifest.info().formatVersion()
                        + " is not supported; this Quarry reads formats " + PipelineInfo.READABLE_FORMATS);
            }
            Path lineageFile = dir.resolve(LINEAGE);
            if (!Files.isRegularFile(lineageFile)) {
                throw new DataException(dir + " is not a complete Quarry model folder: it has no " + LINEAGE);
            }
            Lineage lineage = JSON.readValue(lineageFile.toFile(), Lineage.class);
            String actual = contentHash(dir);
            if (!actual.equals(lineage.contentSha256())) {
                throw new DataException(dir + ": the model's files were changed after they were written (content SHA-256 "
                        + actual + ", " + LINEAGE + " says " + lineage.contentSha256() + ")");
            }
            var members = new ArrayList<PipelineMember>();
            for (int i = 0; i < manifest.weights().size(); i++) {
                Path memberDir = dir.resolve("members").resolve(Integer.toString(i));
                FittedFeaturizer featurizer = FittedFeaturizer.read(memberDir.resolve("featurizer.json"));
                FittedModel model;
                try (var in = Files.newInputStream(memberDir.resolve("model.bin"))) {
                    model = ModelBytes.read(in);
                } catch (ClassNotFoundException e) {
                    throw new DataException(memberDir.resolve("model.bin") + " needs class " + e.getMessage()
                            + ", which this Quarry does not have");
                }
                members.add(new PipelineMember(featurizer, model, manifest.weights().get(i)));
            }
            return new Pipeline(manifest.info().withExperimentId(lineage.experimentId()), members, manifest.stacker());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param dir a model folder
     * @return its total size in bytes
     */
    public static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param dir a folder written by {@link #write}
     * @return the content hash its {@code lineage.json} records (read, not recomputed)
     */
    public static String recordedHash(Path dir) {
        try {
            return JSON.readValue(dir.resolve(LINEAGE).toFile(), Lineage.class).contentSha256();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(LINEAGE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The SHA-256 of a model folder's content: every file but {@code lineage.json}, in order of their
     * relative paths ('/'-separated), each contributing its path, a zero byte, its length and its bytes.
     *
     * @param dir a model folder
     * @return the hash, lower-case hex
     */
    public static String contentHash(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(LINEAGE))
                    .sorted(Comparator.comparing(p -> relative(dir, p))).toList();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path p : files) {
                byte[] bytes = Files.readAllBytes(p);
                digest.update(relative(dir, p).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash the model in " + dir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

}
