package dev.quarry.automl.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quarry.automl.learner.FittedModel;
import dev.quarry.featurize.DataException;
import dev.quarry.featurize.transform.FittedFeaturizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes and reads a pipeline as one folder:
 * <pre>
 *   pipeline.json                 {@link PipelineInfo} plus the member weights
 *   members/&lt;i&gt;/featurizer.json  the fitted featurizer (JSON)
 *   members/&lt;i&gt;/model.bin       the fitted model (Java serialization)
 * </pre>
 * The folder is written under a temporary name and moved into place, so a crash never leaves a
 * half-written model where a reader would find it.
 */
public final class PipelineArtifact {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PipelineArtifact() {
    }

    /** The manifest as stored: the info and one weight per member. */
    record Manifest(PipelineInfo info, List<Double> weights) {
    }

    /**
     * @param pipeline the pipeline
     * @param dir the folder to create; must not exist
     * @throws UncheckedIOException on I/O failure
     */
    public static void write(Pipeline pipeline, Path dir) {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        try {
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            var weights = new ArrayList<Double>();
            for (int i = 0; i < pipeline.members().size(); i++) {
                PipelineMember m = pipeline.members().get(i);
                Path memberDir = Files.createDirectories(tmp.resolve("members").resolve(Integer.toString(i)));
                m.featurizer().write(memberDir.resolve("featurizer.json"));
                try (var out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(memberDir.resolve("model.bin"))))) {
                    out.writeObject(m.model());
                }
                weights.add(m.weight());
            }
            JSON.writeValue(tmp.resolve("pipeline.json").toFile(), new Manifest(pipeline.info(), weights));
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to " + dir + ": " + e.getMessage(), e);
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
            if (manifest.info().formatVersion() != PipelineInfo.FORMAT_VERSION) {
                throw new DataException(manifestFile + ": model format " + manifest.info().formatVersion()
                        + " is not supported; this Quarry reads format " + PipelineInfo.FORMAT_VERSION);
            }
            var members = new ArrayList<PipelineMember>();
            for (int i = 0; i < manifest.weights().size(); i++) {
                Path memberDir = dir.resolve("members").resolve(Integer.toString(i));
                FittedFeaturizer featurizer = FittedFeaturizer.read(memberDir.resolve("featurizer.json"));
                FittedModel model;
                try (var in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(memberDir.resolve("model.bin"))))) {
                    model = (FittedModel) in.readObject();
                } catch (ClassNotFoundException e) {
                    throw new DataException(memberDir.resolve("model.bin") + " needs class " + e.getMessage()
                            + ", which this Quarry does not have");
                }
                members.add(new PipelineMember(featurizer, model, manifest.weights().get(i)));
            }
            return new Pipeline(manifest.info(), members);
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

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
