package dev.quarry.runner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void opensTheRootWithItsRunsFolder() {
        Workspace w = Workspace.open(dir.resolve("a").resolve("ws"));
        assertEquals(dir.resolve("a").resolve("ws"), w.root());
        assertTrue(Files.isDirectory(w.root().resolve("runs")));
        assertEquals(w.root().resolve("quarry.db"), w.database());
        assertEquals(w, Workspace.open(w.root()), "opening again is harmless");
    }

    @Test
    void runFoldersAreCreatedOnlyWhenAskedFor() {
        Workspace w = Workspace.open(dir);
        Path run = w.runDir("exp_3");
        assertEquals(dir.resolve("runs").resolve("exp_3"), run);
        assertFalse(Files.exists(run), "runDir only names the folder");
        assertEquals(run.resolve("outputs"), w.outputs("exp_3"));
        assertEquals(run.resolve("logs"), w.logs("exp_3"));
        assertTrue(Files.isDirectory(run.resolve("outputs")));
        assertTrue(Files.isDirectory(run.resolve("logs")));
    }
}
