package dev.quarry.automl.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.automl.pipeline.Pipeline;
import dev.quarry.automl.pipeline.PipelineArtifact;
import dev.quarry.automl.pipeline.PipelineInfo;
import dev.quarry.runner.store.ExperimentRecord;
import dev.quarry.runner.store.RunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The model registry of a workspace: table {@code registered_models} in {@code quarry.db} (created
 * if absent, beside the run store's tables, which it does not touch) and the folder
 * {@code registry/<name>/<version>/model}. Registering copies the model folder, so the registered
 * version survives the experiment's deletion. Versions count from 1 per name; the next version is
 * chosen inside an immediate SQLite transaction, so two processes registering the same name at once
 * get different versions. One connection guarded by this object's lock: thread-safe.
 */
public final class ModelRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Double>> DOUBLE_MAP = new TypeReference<>() {
    };

    private final Connection connection;
    private final Workspace workspace;

    private ModelRegistry(Connection connection, Workspace workspace) {
        this.connection = connection;
        this.workspace = workspace;
    }

    /**
     * What to register.
     *
     * @param name the model name: letters, digits, {@code . _ -}, at most 64
     * @param experimentId the experiment
     * @param trial the child run, or null for the experiment's saved model
     * @param description free text, or null
     * @param tags key-value tags, or null
     */
    public record Registration(String name, String experimentId, Integer trial, String description, Map<String, String> tags) {

        /** Validates. */
        public Registration {
            checkName(name, "name");
            if (experimentId == null || experimentId.isBlank()) {
                throw new RegistryException(RegistryException.Kind.INVALID, "expected the experiment id to register from, got nothing",
                        "experiment");
            }
            description = description == null ? "" : description;
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }

    /**
     * @param workspace the workspace
     * @return its registry, the table created if absent
     */
    public static ModelRegistry open(Workspace workspace) {
        try {
            var properties = new java.util.Properties();
            properties.setProperty("transaction_mode", "IMMEDIATE");
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + workspace.database().toAbsolutePath(), properties);
            try (Statement s = c.createStatement()) {
                s.execute("pragma busy_timeout = 10000");
                s.execute("pragma journal_mode = wal");
                s.execute("pragma synchronous = full");
                s.execute("""
                        create table if not exists registered_models (
                          name text not null, version integer not null, description text not null,
                          tags_json text not null, learner text not null, task text not null, metrics_json text not null,
                          experiment_id text not null, trial integer not null, run_id text not null, dataset text not null,
                          dataset_hash text not null, config_json text not null, fit text not null,
                          library_versions text not null, created text not null, artifact text not null,
                          primary key (name, version))""");
                s.execute("""
                        create table if not exists deployments (
                          endpoint text primary key, name text not null, version integer not null, deployed text not null)""");
            }
            return new ModelRegistry(c, workspace);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the model registry in " + workspace.database() + ": " + e.getMessage(), e);
        }
    }

    static void checkName(String name, String field) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new RegistryException(RegistryException.Kind.INVALID, "a model name is 1 to 64 letters, digits, '.', '_' or '-' "
                    + "starting with a letter or digit, got " + (name == null ? "nothing" : "'" + name + "'"), field);
        }
    }

    /**
     * Registers an experiment's saved model, or a child run's, as the next version of a name. The
     * saved model is copied; another completed child run is refitted on all training rows
     * ({@link ChildRunRefit}), which reads the data and fits (before the version is taken, so the database stays unlocked).
     *
     * @param r what to register
     * @param store the run store holding the experiment
     * @return the new version
     * @throws RegistryException if the experiment, run or model is missing
     */
    public synchronized RegisteredModel register(Registration r, RunStore store) {
        ExperimentRecord e = store.experiment(r.experimentId()).orElseThrow(() -> new RegistryException(
                RegistryException.Kind.NOT_FOUND, "no experiment " + r.experimentId(), "experiment"));
        Path model = workspace.runDir(e.id()).resolve("outputs").resolve("model");
        if (!Files.isRegularFile(model.resolve("pipeline.json"))) {
            throw new RegistryException(RegistryException.Kind.CONFLICT, "experiment " + e.id() + " has no saved model (status "
                    + e.status() + ")", "experiment");
        }
        Pipeline saved = PipelineArtifact.read(model);
        List<TrialResult> trials = store.trials(e.id());
        Pipeline pipeline = saved;
        if (r.trial() != null && r.trial() != saved.info().trial()) {
            TrialResult wanted = trials.stream().filter(t -> t.number() == r.trial()).findFirst().orElseThrow(() ->
                    new RegistryException(RegistryException.Kind.NOT_FOUND, "experiment " + e.id() + " has no child run "
                            + r.trial(), "trial"));
            pipeline = ChildRunRefit.fit(e, wanted);
        }
        PipelineInfo info = pipeline.info();
        TrialResult run = trials.stream().filter(t -> t.number() == info.trial()).findFirst().orElse(null);
        var versions = new TreeMap<String, String>(e.libraryVersions());
        versions.putAll(info.libraryVersions());
        try {
            begin();
            int version;
            try (PreparedStatement s = connection.prepareStatement(
                    "select coalesce(max(version), 0) + 1 from registered_models where name = ?")) {
                s.setString(1, r.name());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    version = rs.getInt(1);
                }
            }
            Path target = workspace.root().resolve("registry").resolve(r.name()).resolve(Integer.toString(version));
            Path artifact = target.resolve("model");
            var registered = new RegisteredModel(r.name(), version, r.description(), r.tags(), info.learner(),
                    info.task().name().toLowerCase(java.util.Locale.ROOT), run != null && !run.metrics().isEmpty() ? run.metrics()
                    : info.metrics(), e.id(), info.trial(), e.id() + "_" + info.trial(), e.dataset(), e.datasetHash(),
                    e.configJson(), info.fit(), versions, Instant.now(), artifact);
            try {
                delete(target);
                if (pipeline == saved) {
                    copy(model, artifact);
                } else {
                    Files.createDirectories(target);
                    PipelineArtifact.write(pipeline, artifact);
                }
                insert(registered);
                connection.commit();
            } catch (RuntimeException | SQLException | IOException ex) {
                connection.rollback();
                delete(target);
                throw ex;
            }
            return registered;
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot register " + r.name() + ": " + ex.getMessage(), ex);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot copy the model of " + e.id() + " into the registry: " + ex.getMessage(), ex);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // The connection is unusable; the next call reports it.
            }
        }
    }

    private void begin() throws SQLException {
        // The connection's transactions are IMMEDIATE: the write lock is taken at the start, so the
        // version read next cannot be taken by another process before this insert.
        connection.setAutoCommit(false);
    }

    private void insert(RegisteredModel m) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                insert into registered_models (name, version, description, tags_json, learner, task, metrics_json,
                  experiment_id, trial, run_id, dataset, dataset_hash, config_json, fit, library_versions, created, artifact)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, m.name());
            s.setInt(2, m.version());
            s.setString(3, m.description());
            s.setString(4, json(new TreeMap<>(m.tags())));
            s.setString(5, m.learner());
            s.setString(6, m.task());
            s.setString(7, json(new TreeMap<>(m.metrics())));
            s.setString(8, m.experimentId());
            s.setInt(9, m.trial());
            s.setString(10, m.runId());
            s.setString(11, m.dataset());
            s.setString(12, m.datasetHash());
            s.setString(13, m.configJson());
            s.setString(14, m.fit());
            s.setString(15, json(new TreeMap<>(m.libraryVersions())));
            s.setString(16, m.created().toString());
            s.setString(17, workspace.root().relativize(m.artifact()).toString());
            s.executeUpdate();
        }
    }

    /** @return every version of every model, by name then version */
    public synchronized List<RegisteredModel> list() {
        return query("order by name, version", List.of());
    }

    /**
     * @param name a model name
     * @return its versions, oldest first; empty if none
     */
    public synchronized List<RegisteredModel> versions(String name) {
        return query("where name = ? order by version", List.of(name));
    }

    /**
     * @param ref a name and version
     * @return that version, if registered
     */
    public synchronized Optional<RegisteredModel> find(ModelRef ref) {
        return query("where name = ? and version = ?", List.of(ref.name(), ref.version())).stream().findFirst();
    }

    /**
     * Records that an endpoint serves a version, replacing what it served before, so that a server
     * started later on the same workspace deploys it again.
     *
     * @param deployment the endpoint and its version
     */
    public synchronized void saveDeployment(Deployment deployment) {
        try (PreparedStatement s = connection.prepareStatement(
                "insert or replace into deployments (endpoint, name, version, deployed) values (?, ?, ?, ?)")) {
            s.setString(1, deployment.endpoint());
            s.setString(2, deployment.model().name());
            s.setInt(3, deployment.model().version());
            s.setString(4, deployment.deployed().toString());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record deployment " + deployment.endpoint() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param endpoint an endpoint name
     * @return whether a deployment was recorded under it (and is now removed)
     */
    public synchronized boolean removeDeployment(String endpoint) {
        try (PreparedStatement s = connection.prepareStatement("delete from deployments where endpoint = ?")) {
            s.setString(1, endpoint);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove deployment " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** @return every recorded deployment, by endpoint name */
    public synchronized List<Deployment> deployments() {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select endpoint, name, version, deployed from deployments order by endpoint")) {
            var out = new ArrayList<Deployment>();
            while (rs.next()) {
                out.add(new Deployment(rs.getString("endpoint"), new ModelRef(rs.getString("name"), rs.getInt("version")),
                        Instant.parse(rs.getString("deployed"))));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the deployments: " + e.getMessage(), e);
        }
    }

    private List<RegisteredModel> query(String where, List<Object> args) {
        try (PreparedStatement s = connection.prepareStatement("select * from registered_models " + where)) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            var out = new ArrayList<RegisteredModel>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new RegisteredModel(rs.getString("name"), rs.getInt("version"), rs.getString("description"),
                            JSON.readValue(rs.getString("tags_json"), STRING_MAP), rs.getString("learner"), rs.getString("task"),
                            JSON.readValue(rs.getString("metrics_json"), DOUBLE_MAP), rs.getString("experiment_id"),
                            rs.getInt("trial"), rs.getString("run_id"), rs.getString("dataset"), rs.getString("dataset_hash"),
                            rs.getString("config_json"), rs.getString("fit"),
                            JSON.readValue(rs.getString("library_versions"), STRING_MAP), Instant.parse(rs.getString("created")),
                            workspace.root().resolve(rs.getString("artifact"))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the model registry: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the model registry: " + e.getMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a folder tree; {@code to} must not exist. */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.sorted().toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    /** Deletes a folder tree if present. */
    static void delete(Path dir) throws IOException {
        Workspace.deleteTree(dir);
    }
}
