package dev.quarry.examples.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.automl.experiment.EnsembleEvidence;
import dev.quarry.automl.experiment.Fold;
import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineInfo;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a Quarry run's ensemble evidence with predictions on the outer test rows, gzipped JSON, so
 * that ways of combining the kept trials can be compared on rows the run never saw, offline and on
 * many splits at once ({@link EnsembleLab}).
 *
 * <p>Contents: {@code task}, {@code classes} (the column order of every probability row),
 * {@code shipped} (the child run whose model was saved), {@code test} (the test rows' target:
 * {@code labels}, indices into {@code classes}, or {@code values}), {@code folds} (each validation fold's row
 * numbers in the training file and its target: {@code labels}, indices into {@code classes}, or
 * {@code values}), {@code trials} (each kept trial's {@code trial}, {@code learner}, validation
 * {@code score}, {@code admitted}: whether the run's ensembles could use it, {@code oof}: its predictions on each fold's validation rows, and {@code test}: the
 * average of its fold models on the test rows) and {@code ensembles} (each ensemble's {@code trial},
 * {@code kind} (its learner name: {@code ensemble}, {@code best_of_family} or {@code stacking}), recorded {@code score} and {@code test} predictions, as scored: its members as their
 * fold models). Predictions are {@code {"values": [...]}} or {@code {"probabilities": [[...], ...]}}.
 */
final class EvidenceFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceFile() {
    }

    /**
     * @param evidence the run's evidence
     * @param shipped the saved model (its info gives the task, classes and the shipped child run)
     * @param test the outer test rows, read with the shipped model's input columns
     * @param testTarget their target ({@code test} in the file, labels as indices into the shipped
     *     model's classes, -1 for a class the training rows lacked)
     * @param file where to write, e.g. {@code <result>.evidence.json.gz}
     * @throws IOException on a write error
     */
    static void write(EnsembleEvidence evidence, Pipeline shipped, Table test, Target testTarget, Path file) throws IOException {
        PipelineInfo info = shipped.info();
        var root = new LinkedHashMap<String, Object>();
        root.put("task", info.task().name().toLowerCase(java.util.Locale.ROOT));
        root.put("classes", info.classes());
        root.put("shipped", info.trial());
        var testNode = new LinkedHashMap<String, Object>();
        if (testTarget.values() != null) {
            testNode.put("values", testTarget.values());
        } else {
            testNode.put("labels", java.util.Arrays.stream(testTarget.labels())
                    .map(l -> info.classes().indexOf(testTarget.classes().get(l))).toArray());
        }
        root.put("test", testNode);
        var folds = new ArrayList<Map<String, Object>>();
        for (Fold f : evidence.folds()) {
            var fold = new LinkedHashMap<String, Object>();
            fold.put("rows", f.testRows());
            putTarget(fold, f.testTarget());
            folds.add(fold);
        }
        root.put("folds", folds);
        var trials = new ArrayList<Map<String, Object>>();
        for (EnsembleEvidence.KeptTrial t : evidence.trials()) {
            var trial = new LinkedHashMap<String, Object>();
            trial.put("trial", t.trial());
            trial.put("learner", t.learner());
            trial.put("score", t.score());
            // per row, one fold model; the lab can weigh an ensemble's members by what they cost to run
            trial.put("predictMillis", Double.isNaN(t.predictMillis()) ? null : t.predictMillis());
            trial.put("admitted", t.admitted());
            trial.put("oof", t.foldPredictions().stream().map(EvidenceFile::json).toList());
            trial.put("test", json(new Pipeline(info, t.foldModels()).predict(test)));
            trials.add(trial);
        }
        root.put("trials", trials);
        var ensembles = new ArrayList<Map<String, Object>>();
        for (EnsembleEvidence.BuiltEnsemble e : evidence.ensembles()) {
            var ensemble = new LinkedHashMap<String, Object>();
            ensemble.put("trial", e.trial());
            ensemble.put("kind", e.kind());
            ensemble.put("score", e.score());
            ensemble.put("test", json(e.pipeline().predict(test)));
            ensembles.add(ensemble);
        }
        root.put("ensembles", ensembles);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            JSON.writeValue(out, root);
        }
    }

    private static void putTarget(Map<String, Object> node, Target target) {
        if (target.values() != null) {
            node.put("values", target.values());
        } else {
            node.put("labels", target.labels());
        }
    }

    private static Map<String, Object> json(Predictions p) {
        return p.values() != null ? Map.of("values", p.values()) : Map.of("probabilities", p.probabilities());
    }
}
