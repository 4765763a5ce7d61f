package dev.quarry.runner.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @Override
    public RunStore reopen(RunStore store) {
        return SqliteRunStore.open(last);
    }

    @Test
    void workspaceLaysOutRunFolders() {
        Workspace w = Workspace.open(dir.resolve("ws"));
        assertTrue(Files.isDirectory(w.root().resolve("runs")));
        assertTrue(Files.isDirectory(w.outputs("exp_3")));
        assertTrue(Files.isDirectory(w.logs("exp_3")));
        assertTrue(w.outputs("exp_3").endsWith(Path.of("runs", "exp_3", "outputs")));
    }
}
