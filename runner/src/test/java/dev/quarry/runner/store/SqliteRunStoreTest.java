package dev.quarry.runner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRunStoreTest implements RunStoreContract {

    @TempDir
    Path dir;

    private final AtomicInteger files = new AtomicInteger();
    private Path last;

    @Override
    public RunStore store() {
        last = dir.resolve("quarry-" + files.incrementAndGet() + ".db");
        return SqliteRunStore.open(last);
    }

    /** A second connection to the same file, as another process would open it. */
    @Override
    public RunStore reopen(RunStore store) {
        return SqliteRunStore.open(last);
    }

    @Test
    void theFileIsAWalDatabaseWithOneSchemaVersionRow() throws Exception {
        store().close();
        SqliteRunStore.open(last).close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + last); var s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("pragma journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("select count(*), max(version) from schema_version")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "reopening does not add a row");
                assertEquals(SqliteRunStore.SCHEMA_VERSION, rs.getInt(2));
            }
        }
    }
}
