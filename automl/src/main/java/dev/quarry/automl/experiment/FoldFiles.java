package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.FittedModel;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.PipelineMember;
import dev.quarry.featurize.transform.FittedFeaturizer;
import dev.quarry.runner.store.Workspace;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A trial's fold models and validation predictions as files in its child run's folder, so that a
 * trial evaluated in a worker JVM can hand them to the coordinator without sending them through the
 * result message: the worker writes {@code runs/<experiment>_<n>/outputs/folds/} before it reports;
 * the coordinator reads them only for the trials it keeps (the ensemble candidates and the refit
 * fallback) and deletes the folder once it has decided. Layout: {@code <f>.featurizer.json} per fold
 * and one {@code folds.bin} (Java serialization: the fold count, then each fold's model, regression
 * values and class probabilities). Thread-safe: each trial has its own folder.
 */
final class FoldFiles implements FoldSink {

    /** What was read back. */
    record Folds(List<PipelineMember> foldModels, List<Predictions> foldPredictions) {
    }

    private final Workspace workspace;
    private final String experimentId;

    /**
     * @param workspace the experiment's workspace
     * @param experimentId the experiment
     */
    FoldFiles(Workspace workspace, String experimentId) {
        this.workspace = workspace;
        this.experimentId = experimentId;
    }

    private Path dir(int trial) {
        return workspace.outputs(experimentId + "_" + trial).resolve("folds");
    }

    @Override
    public void offer(int trial, List<PipelineMember> foldModels, List<Predictions> foldPredictions) {
        Path dir = dir(trial);
        try {
            Files.createDirectories(dir);
            try (var out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("folds.bin"))))) {
                out.writeInt(foldModels.size());
                for (int f = 0; f < foldModels.size(); f++) {
                    foldModels.get(f).featurizer().write(dir.resolve(f + ".featurizer.json"));
                    out.writeObject(foldModels.get(f).model());
                    out.writeObject(foldPredictions.get(f).values());
                    out.writeObject(foldPredictions.get(f).probabilities());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fold models of trial " + trial + " to " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * @param trial a trial number
     * @return its folds, if a worker wrote them
     * @throws UncheckedIOException if they are there but unreadable
     */
    Optional<Folds> read(int trial) {
        Path dir = dir(trial);
        Path bin = dir.resolve("folds.bin");
        if (!Files.isRegularFile(bin)) {
            return Optional.empty();
        }
        try (var in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(bin)))) {
            int n = in.readInt();
            var models = new ArrayList<PipelineMember>();
            var predictions = new ArrayList<Predictions>();
            for (int f = 0; f < n; f++) {
                var featurizer = FittedFeaturizer.read(dir.resolve(f + ".featurizer.json"));
                models.add(new PipelineMember(featurizer, (FittedModel) in.readObject(), 1.0));
                predictions.add(new Predictions((double[]) in.readObject(), (double[][]) in.readObject()));
            }
            return Optional.of(new Folds(models, predictions));
        } catch (IOException | ClassNotFoundException e) {
            throw new UncheckedIOException("cannot read the fold models of trial " + trial + " in " + dir + ": "
                    + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** Deletes a trial's folds; they are in the coordinator's memory now, or not wanted. */
    void delete(int trial) {
        Path dir = dir(trial);
        try {
            Workspace.deleteTree(dir);
        } catch (IOException e) {
            System.err.println("quarry: cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
