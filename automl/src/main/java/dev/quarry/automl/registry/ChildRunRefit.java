package dev.quarry.automl.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.experiment.ExperimentData;
import dev.quarry.automl.experiment.ExperimentLoop;
import dev.quarry.automl.experiment.Experiments;
import dev.quarry.automl.experiment.Refit;
import dev.quarry.automl.learner.Learner;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineInfo;
import dev.quarry.automl.pipeline.PipelineMember;
import dev.quarry.featurize.DataException;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.Seeds;
import dev.quarry.search.history.TrialState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A model for a child run the experiment did not save: the run's learner and params refitted on
 * all the experiment's training rows, read again from the recorded dataset (refused if its hash
 * changed) with the recorded config, the way the experiment refits its best run. Blocking: it reads
 * the data and fits.
 */
final class ChildRunRefit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildRunRefit() {
    }

    static Pipeline fit(ExperimentRecord e, TrialResult run) {
        if (run.state() != TrialState.COMPLETED) {
            throw new RegistryException(RegistryException.Kind.CONFLICT, "child run " + run.number() + " of " + e.id() + " is "
                    + run.state() + "; only completed runs can be registered", "trial");
        }
        if (ExperimentLoop.isEnsemble(run.params().learner())) {
            throw new RegistryException(RegistryException.Kind.CONFLICT, "child run " + run.number() + " is an ensemble that "
                    + "was not saved; register the experiment's model instead", "trial");
        }
        ExperimentConfig config = recordedConfig(e);
        var csv = new CsvOptions(config.data().delimiter(), new LinkedHashSet<>(config.data().missingValues()));
        ExperimentData data;
        Experiments.Prepared prepared;
        try {
            // Prepared as the experiment was: the same column types, dropped columns and featurization.
            prepared = Experiments.prepare(config, "experiment " + e.id(), java.time.Instant.now());
            data = prepared.data();
        } catch (DataException | dev.quarry.automl.config.ConfigException ex) {
            throw new RegistryException(RegistryException.Kind.CONFLICT, "cannot read the experiment's data again to refit child run "
                    + run.number() + ": " + ex.getMessage(), "trial");
        }
        if (!data.sha256().equals(e.datasetHash())) {
            throw new RegistryException(RegistryException.Kind.CONFLICT, e.dataset() + " changed since experiment " + e.id()
                    + " ran (its SHA-256 differs); child run " + run.number() + " cannot be refitted on the same rows", "trial");
        }
        Learner learner = LearnerCatalog.load().find(run.params().learner()).orElseThrow(() -> new RegistryException(
                RegistryException.Kind.CONFLICT, "learner " + run.params().learner() + " is not in this Quarry's catalog", "trial"));
        try {
            PipelineMember member = Refit.onAllRows(prepared.experiment(), data, learner, run.params(), Seeds.mix(run.seed(), -1));
            var inputColumns = new LinkedHashMap<String, ColumnKind>();
            data.train().features().columns().forEach(c -> inputColumns.put(c.name(), c.kind()));
            int rows = data.train().target().size();
            var info = new PipelineInfo(PipelineInfo.FORMAT_VERSION, e.id(), run.number(), learner.name(), run.params().values(),
                    data.train().target().task(), data.train().target().column(), data.train().target().classes(), inputColumns,
                    List.copyOf(csv.missingTokens()), csv.delimiter(), "refit on all " + rows + " training rows at registration",
                    run.metrics(), run.seed(), e.libraryVersions());
            return new Pipeline(info, List.of(member));
        } catch (Exception ex) {
            throw new IllegalStateException("refitting child run " + run.number() + " of " + e.id() + " failed: " + ex.getMessage(), ex);
        }
    }

    /** The config the experiment recorded (data paths already absolute). */
    private static ExperimentConfig recordedConfig(ExperimentRecord e) {
        try {
            JsonNode root = JSON.readTree(e.configJson());
            return ConfigLoader.parse(JSON.writeValueAsString(root.get("config")), ConfigLoader.Format.JSON, Path.of("/"),
                    "experiment " + e.id());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
