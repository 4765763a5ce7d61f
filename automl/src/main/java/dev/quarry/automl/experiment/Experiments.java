package dev.quarry.automl.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.automl.config.ConfigException;
import dev.quarry.automl.config.ConfigLoader;
import dev.quarry.automl.config.ExperimentConfig;
import dev.quarry.automl.learner.LearnerCatalog;
import dev.quarry.featurize.DataException;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.store.RunStore;
import dev.quarry.runner.store.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Starting an experiment the same way from every entry point (CLI, benchmark harness, later the
 * HTTP API): {@link #prepare} reads and checks everything and writes nothing; {@link #loop} builds
 * the loop over a workspace and run store.
 */
public final class Experiments {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Experiments() {
    }

    /**
     * A config whose data was read and whose choices were resolved; nothing written yet.
     *
     * @param config the config
     * @param data its data
     * @param experiment the resolved experiment
     */
    public record Prepared(ExperimentConfig config, ExperimentData data, ResolvedExperiment experiment) {
    }

    /**
     * Reads the data and resolves the experiment. Pure apart from reading files: on failure nothing
     * has been written.
     *
     * @param config a validated config
     * @param source the config's name, for messages
     * @param now the time, for the experiment id
     * @return the prepared experiment
     * @throws ConfigException if the config does not fit the data or the catalog
     * @throws DataException if the data is unusable
     */
    public static Prepared prepare(ExperimentConfig config, String source, Instant now) {
        var csv = new CsvOptions(config.data().delimiter(), new LinkedHashSet<>(config.data().missingValues()));
        var forced = new java.util.LinkedHashMap<String, dev.quarry.featurize.table.ColumnKind>();
        config.featurize().columns().forEach((column, type) -> {
            if (type.storage() != null) {
                forced.put(column, type.storage());
            }
        });
        var data = ExperimentData.load(config.data().train(), config.data().validation(), config.data().target(),
                config.data().task(), csv, forced);
        checkColumnNames(config, source, data);
        data = data.without(config.featurize().drop());
        String id = config.name() + "-" + ID_TIME.format(now) + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        return new Prepared(config, data, ExperimentResolver.resolve(id, config, source, data, LearnerCatalog.load()));
    }

    /** Every column named under featurize must be a feature column of the training file. */
    private static void checkColumnNames(ExperimentConfig config, String source, ExperimentData data) {
        var columns = data.train().features().columnNames();
        String target = config.data().target();
        for (String name : config.featurize().columns().keySet()) {
            check(name, "$.featurize.columns." + name, columns, target, source);
        }
        var drop = config.featurize().drop();
        for (int i = 0; i < drop.size(); i++) {
            check(drop.get(i), "$.featurize.drop[" + i + "]", columns, target, source);
        }
    }

    private static void check(String name, String path, java.util.List<String> columns, String target, String source) {
        if (name.equals(target)) {
            throw new ConfigException(source, path, "'" + name + "' is the target column; featurize settings apply to feature columns");
        }
        if (!columns.contains(name)) {
            throw new ConfigException(source, path, "unknown column '" + name + "'; the training file's columns are: "
                    + String.join(", ", columns));
        }
    }

    /**
     * @param prepared a prepared experiment
     * @param store where child runs are recorded
     * @param workspace where folders go
     * @param listener hears progress
     * @param budgetStart when the time budget started
     * @param libraryVersions recorded with the experiment and its model
     * @return the loop, ready to {@link ExperimentLoop#run()}
     */
    public static ExperimentLoop loop(Prepared prepared, RunStore store, Workspace workspace, ExperimentListener listener,
            Instant budgetStart, Map<String, String> libraryVersions) {
        ExperimentConfig config = prepared.config();
        return new ExperimentLoop(prepared.experiment(), prepared.data(), Strategies.of(config), store, workspace,
                InstantSource.system(),
                budgetStart, listener, libraryVersions, resolvedJson(config, prepared.experiment()));
    }

    /**
     * Prepares an experiment whose coordinator died, for {@code quarry resume}: reads its recorded
     * config back, reads the data again (relative paths resolve against the current folder, as they
     * did for {@code quarry run} when it started there) and checks that the content is the same.
     *
     * @param record the experiment as recorded
     * @return the prepared experiment, under its recorded id
     * @throws ConfigException if the recorded config cannot be read back
     * @throws DataException if the data is missing or its content changed
     */
    public static Prepared prepareResume(ExperimentRecord record) {
        String source = "the recorded config of experiment " + record.id();
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(record.configJson()).get("config");
        } catch (IOException e) {
            throw new ConfigException(source, null, "cannot read it back: " + e.getMessage());
        }
        if (config == null) {
            throw new ConfigException(source, "$.config", "missing; this experiment was recorded without its config");
        }
        ExperimentConfig parsed = ConfigLoader.parse(config.toString(), ConfigLoader.Format.JSON, Path.of(""), source, null);
        var data = sameData(parsed, record.datasetHash(), record.id());
        return new Prepared(parsed, data, ExperimentResolver.resolve(record.id(), parsed, source, data, LearnerCatalog.load()));
    }

    /**
     * Reads an experiment's data again, for a resumed coordinator or a worker JVM.
     *
     * @param config the experiment's config
     * @param sha256 the training file's content hash when the experiment started
     * @param experimentId the experiment, for the message
     * @return the data
     * @throws DataException if it is missing, unusable or its content changed
     */
    static ExperimentData sameData(ExperimentConfig config, String sha256, String experimentId) {
        var csv = new CsvOptions(config.data().delimiter(), new LinkedHashSet<>(config.data().missingValues()));
        var data = ExperimentData.load(config.data().train(), config.data().validation(), config.data().target(),
                config.data().task(), csv);
        if (!data.sha256().equals(sha256)) {
            throw new DataException("training file " + config.data().train() + " has SHA-256 " + data.sha256()
                    + " but experiment " + experimentId + " started on content " + sha256 + "; the file changed");
        }
        return data;
    }

    /**
     * @param prepared from {@link #prepareResume}
     * @param store the run store holding the experiment
     * @param workspace its workspace
     * @param listener hears progress
     * @param now the time now; the budget already used (from the experiment's checkpoint) is taken off it
     * @param libraryVersions recorded with its model
     * @return the loop, set to continue the experiment
     * @throws IllegalStateException if another live process still runs the experiment
     */
    public static ExperimentLoop resumeLoop(Prepared prepared, RunStore store, Workspace workspace,
            ExperimentListener listener, Instant now, Map<String, String> libraryVersions) {
        String id = prepared.experiment().id();
        // Fail here, with a clear message, rather than inside run(): a live coordinator holds the lock.
        CoordinatorLock.acquire(workspace.runDir(id), id).close();
        Duration used = BudgetCheckpoint.read(workspace.runDir(id));
        return loop(prepared, store, workspace, listener, now.minus(used), libraryVersions).resuming(store.trials(id));
    }

    /** The config with defaults filled in, plus what was resolved from the data, as recorded with the run. */
    static String resolvedJson(ExperimentConfig config, ResolvedExperiment e) {
        try {
            var mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.set("config", mapper.readTree(ConfigLoader.toJson(config)));
            ObjectNode resolved = root.putObject("resolved");
            resolved.put("task", e.task().name().toLowerCase(Locale.ROOT));
            resolved.put("metric", e.metric().id());
            resolved.put("validation", e.validation());
            resolved.put("parallelism", e.parallelism());
            resolved.put("trialTimeout", e.trialTimeout().toString());
            var learners = resolved.putArray("learners");
            e.learners().forEach(l -> learners.add(l.name()));
            ObjectNode columns = resolved.putObject("columns");
            e.profile().columns().forEach(c -> columns.put(c.name(), c.type().name().toLowerCase(Locale.ROOT)));
            root.set("guardrails", mapper.readTree(e.guardrails().toJson()));
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
