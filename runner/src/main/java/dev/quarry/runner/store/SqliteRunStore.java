package dev.quarry.runner.store;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.history.Observation;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run store in an embedded SQLite file: tables {@code experiments} and {@code child_runs}.
 *
 * <p>Every write is committed before the method returns (WAL journal, {@code synchronous=FULL}), so
 * a killed process loses nothing already recorded, and another process may read the file while it
 * is written. One connection, guarded by this object's lock: thread-safe.
 *
 * <p>Params are stored as JSON and read back as the types they were written with: Jackson writes
 * every {@link Double} with a decimal point or an exponent ({@code 3.0}, {@code 1.0E-7}) and reads
 * such numbers as {@code Double}, and plain integers as {@code Integer}. Non-finite doubles are
 * written as the bare tokens {@code NaN} and {@code Infinity} rather than as strings, so they too
 * come back as {@code Double}. Instants are ISO-8601 text, exact to the nanosecond. A NaN score is
 * stored as SQL NULL.
 */
public final class SqliteRunStore implements RunStore {

    /** The schema version this code writes; recorded in {@code schema_version}. */
    static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /**
     * Newest first. Sorted here rather than in SQL because ISO text of instants with different
     * fraction lengths ({@code ...:00Z} and {@code ...:00.5Z}) does not sort in time order.
     */
    private static final Comparator<ExperimentRecord> NEWEST_FIRST = Comparator
            .comparing(ExperimentRecord::created).reversed()
            .thenComparing(ExperimentRecord::id, Comparator.reverseOrder());
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Double>> DOUBLE_MAP = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final Connection connection;

    private SqliteRunStore(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) a store file.
     *
     * @param file the database file
     * @return the store
     */
    public static SqliteRunStore open(Path file) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("pragma busy_timeout = 10000");
                s.execute("pragma journal_mode = wal");
                s.execute("pragma synchronous = full");
                s.execute("pragma foreign_keys = on");
                s.execute("""
                        create table if not exists schema_version (version integer not null)""");
                s.execute("""
                        create table if not exists experiments (
                          id text primary key, name text not null, status text not null, task text not null,
                          metric text not null, direction text not null, seed integer not null,
                          config_json text not null, dataset text not null, dataset_hash text not null,
                          library_versions text not null, created text not null, finished text,
                          stop_reason text, best_trial integer, best_score real)""");
                s.execute("""
                        create table if not exists child_runs (
                          experiment_id text not null references experiments(id), number integer not null,
                          run_id text not null, learner text not null, params_json text not null,
                          seed integer not null, state text not null, failure_kind text, error text, score real,
                          metrics_json text not null, started text not null, finished text not null,
                          fit_seconds real not null, worker text,
                          primary key (experiment_id, number))""");
                s.execute("""
                        create table if not exists observations (
                          experiment_id text not null references experiments(id), seq integer not null,
                          number integer not null, resource real not null, score real,
                          primary key (experiment_id, seq))""");
                s.execute("""
                        create table if not exists rung_runs (
                          experiment_id text not null references experiments(id), seq integer not null,
                          number integer not null, resource real not null, learner text not null,
                          params_json text not null, seconds real, fit_seconds real,
                          primary key (experiment_id, seq))""");
                try (ResultSet rs = s.executeQuery("select count(*) from schema_version")) {
                    if (rs.next() && rs.getInt(1) == 0) {
                        s.execute("insert into schema_version values (" + SCHEMA_VERSION + ")");
                    }
                }
            }
            return new SqliteRunStore(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the run store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void createExperiment(ExperimentRecord e) {
        if (experiment(e.id()).isPresent()) {
            throw new IllegalStateException("experiment " + e.id() + " already exists");
        }
        update("""
                insert into experiments (id, name, status, task, metric, direction, seed, config_json, dataset,
                  dataset_hash, library_versions, created, finished, stop_reason, best_trial, best_score)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", s -> {
            s.setString(1, e.id());
            s.setString(2, e.name());
            s.setString(3, e.status().name());
            s.setString(4, e.task());
            s.setString(5, e.metric());
            s.setString(6, e.direction().name());
            s.setLong(7, e.seed());
            s.setString(8, e.configJson());
            s.setString(9, e.dataset());
            s.setString(10, e.datasetHash());
            s.setString(11, json(new TreeMap<>(e.libraryVersions())));
            s.setString(12, e.created().toString());
            s.setString(13, e.finished() == null ? null : e.finished().toString());
            s.setString(14, e.stopReason());
            setInteger(s, 15, e.bestTrial());
            setDouble(s, 16, e.bestScore());
        });
    }

    @Override
    public synchronized void trialStarted(String experimentId, int number, Params params, long seed, Instant started,
            String worker) {
        update("""
                insert into child_runs (experiment_id, number, run_id, learner, params_json, seed, state, failure_kind,
                  error, score, metrics_json, started, finished, fit_seconds, worker)
                values (?, ?, ?, ?, ?, ?, 'RUNNING', null, null, null, '{}', ?, ?, 0, ?)
                on conflict (experiment_id, number) do nothing""", s -> {
            s.setString(1, experimentId);
            s.setInt(2, number);
            s.setString(3, experimentId + "_" + number);
            s.setString(4, params.learner());
            s.setString(5, json(params.values()));
            s.setLong(6, seed);
            s.setString(7, started.toString());
            s.setString(8, started.toString());
            s.setString(9, worker);
        });
    }

    @Override
    public synchronized void trialFinished(TrialResult r) {
        update("""
                insert into child_runs (experiment_id, number, run_id, learner, params_json, seed, state, failure_kind,
                  error, score, metrics_json, started, finished, fit_seconds, worker)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (experiment_id, number) do update set
                  state = excluded.state, failure_kind = excluded.failure_kind, error = excluded.error,
                  score = excluded.score, metrics_json = excluded.metrics_json, started = excluded.started,
                  finished = excluded.finished, fit_seconds = excluded.fit_seconds, worker = excluded.worker
                where child_runs.state = 'RUNNING'""", s -> {
            s.setString(1, r.experimentId());
            s.setInt(2, r.number());
            s.setString(3, r.runId());
            s.setString(4, r.params().learner());
            s.setString(5, json(r.params().values()));
            s.setLong(6, r.seed());
            s.setString(7, r.state().name());
            s.setString(8, r.failure() == null ? null : r.failure().name());
            s.setString(9, r.error());
            setDouble(s, 10, r.score());
            s.setString(11, json(new TreeMap<>(r.metrics())));
            s.setString(12, r.started().toString());
            s.setString(13, r.finished().toString());
            s.setDouble(14, r.fitSeconds());
            s.setString(15, r.worker());
        });
    }

    @Override
    public synchronized void reopenExperiment(String experimentId) {
        update("""
                update experiments set status = ?, stop_reason = null, finished = null, best_trial = null, best_score = null
                where id = ?""", s -> {
            s.setString(1, ExperimentStatus.RUNNING.name());
            s.setString(2, experimentId);
        });
    }

    @Override
    public synchronized void finishExperiment(String experimentId, ExperimentStatus status, String stopReason,
            Instant finished, Integer bestTrial, double bestScore) {
        update("""
                update experiments set status = ?, stop_reason = ?, finished = ?, best_trial = ?, best_score = ?
                where id = ?""", s -> {
            s.setString(1, status.name());
            s.setString(2, stopReason);
            s.setString(3, finished.toString());
            setInteger(s, 4, bestTrial);
            setDouble(s, 5, bestScore);
            s.setString(6, experimentId);
        });
    }

    @Override
    public synchronized Optional<ExperimentRecord> experiment(String experimentId) {
        List<ExperimentRecord> found = experiments("where id = ?", experimentId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    @Override
    public synchronized List<ExperimentRecord> experiments() {
        return experiments("", null);
    }

    private List<ExperimentRecord> experiments(String where, String arg) {
        try (PreparedStatement s = connection.prepareStatement(
                "select * from experiments " + where)) {
            if (arg != null) {
                s.setString(1, arg);
            }
            var out = new ArrayList<ExperimentRecord>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String finished = rs.getString("finished");
                    int bestTrial = rs.getInt("best_trial");
                    Integer best = rs.wasNull() ? null : bestTrial;
                    out.add(new ExperimentRecord(rs.getString("id"), rs.getString("name"),
                            ExperimentStatus.valueOf(rs.getString("status")), rs.getString("task"), rs.getString("metric"),
                            Direction.valueOf(rs.getString("direction")), rs.getLong("seed"), rs.getString("config_json"),
                            rs.getString("dataset"), rs.getString("dataset_hash"),
                            JSON.readValue(rs.getString("library_versions"), STRING_MAP),
                            Instant.parse(rs.getString("created")), finished == null ? null : Instant.parse(finished),
                            rs.getString("stop_reason"), best, getDouble(rs, "best_score")));
                }
            }
            out.sort(NEWEST_FIRST);
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read experiments: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized List<TrialResult> trials(String experimentId) {
        try (PreparedStatement s = connection.prepareStatement(
                "select * from child_runs where experiment_id = ? order by number")) {
            s.setString(1, experimentId);
            var out = new ArrayList<TrialResult>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String failure = rs.getString("failure_kind");
                    out.add(new TrialResult(experimentId, rs.getInt("number"),
                            new Params(rs.getString("learner"), JSON.readValue(rs.getString("params_json"), OBJECT_MAP)),
                            rs.getLong("seed"), TrialState.valueOf(rs.getString("state")),
                            failure == null ? null : FailureKind.valueOf(failure), rs.getString("error"),
                            getDouble(rs, "score"), JSON.readValue(rs.getString("metrics_json"), DOUBLE_MAP),
                            Instant.parse(rs.getString("started")), Instant.parse(rs.getString("finished")),
                            rs.getDouble("fit_seconds"), rs.getString("worker")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read child runs of " + experimentId + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void observed(String experimentId, Observation o) {
        update("""
                insert into observations (experiment_id, seq, number, resource, score)
                values (?, (select count(*) from observations where experiment_id = ?), ?, ?, ?)""", s -> {
            s.setString(1, experimentId);
            s.setString(2, experimentId);
            s.setInt(3, o.trial());
            s.setDouble(4, o.resource());
            setDouble(s, 5, o.score());
        });
    }

    @Override
    public synchronized List<Observation> observations(String experimentId) {
        try (PreparedStatement s = connection.prepareStatement(
                "select number, resource, score from observations where experiment_id = ? order by seq")) {
            s.setString(1, experimentId);
            var out = new ArrayList<Observation>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Observation(rs.getInt("number"), rs.getDouble("resource"), getDouble(rs, "score")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read observations of " + experimentId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void rungStarted(String experimentId, int trial, double resource, Params params) {
        update("""
                insert into rung_runs (experiment_id, seq, number, resource, learner, params_json, seconds, fit_seconds)
                values (?, (select count(*) from rung_runs where experiment_id = ?), ?, ?, ?, ?, null, null)""", s -> {
            s.setString(1, experimentId);
            s.setString(2, experimentId);
            s.setInt(3, trial);
            s.setDouble(4, resource);
            s.setString(5, params.learner());
            s.setString(6, json(params.values()));
        });
    }

    @Override
    public synchronized void rungFinished(String experimentId, int trial, double seconds, double fitSeconds) {
        update("""
                update rung_runs set seconds = ?, fit_seconds = ?
                where experiment_id = ? and seq = (select max(seq) from rung_runs where experiment_id = ? and number = ?)""",
                s -> {
                    s.setDouble(1, seconds);
                    s.setDouble(2, fitSeconds);
                    s.setString(3, experimentId);
                    s.setString(4, experimentId);
                    s.setInt(5, trial);
                });
    }

    @Override
    public synchronized List<RungRun> rungRuns(String experimentId) {
        try (PreparedStatement s = connection.prepareStatement("select number, resource, learner, params_json, seconds, "
                + "fit_seconds from rung_runs where experiment_id = ? order by seq")) {
            s.setString(1, experimentId);
            var out = new ArrayList<RungRun>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new RungRun(rs.getInt("number"), rs.getDouble("resource"),
                            new Params(rs.getString("learner"), JSON.readValue(rs.getString("params_json"), OBJECT_MAP)),
                            getDouble(rs, "seconds"), getDouble(rs, "fit_seconds")));
                }
            }
            return out;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read the rung runs of " + experimentId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the run store: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            binder.bind(s);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("run store write failed: " + e.getMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void setDouble(PreparedStatement s, int index, double v) throws SQLException {
        if (Double.isNaN(v)) {
            s.setNull(index, Types.REAL);
        } else {
            s.setDouble(index, v);
        }
    }

    private static void setInteger(PreparedStatement s, int index, Integer v) throws SQLException {
        if (v == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, v);
        }
    }

    private static double getDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }
}
