package dev.quarry.examples.benchmark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2OProcessTest {

    @TempDir
    Path module;

    /** A contender jar built before its sources changed is rebuilt (the fixed contender was otherwise never run). */
    @Test
    void theContenderJarIsRebuiltWhenMissingOrOlderThanItsSources() throws Exception {
        Path pom = Files.writeString(module.resolve("pom.xml"), "<project/>");
        Path source = module.resolve("src/main/java/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Main {}");
        Path jar = module.resolve("target/contender.jar");
        assertTrue(H2OProcess.stale(jar, module), "no jar yet");

        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Instant built = Instant.parse("2026-12-04T12:00:00Z");
        Files.setLastModifiedTime(jar, FileTime.from(built));
        Files.setLastModifiedTime(pom, FileTime.from(built.minusSeconds(60)));
        Files.setLastModifiedTime(source, FileTime.from(built.minusSeconds(60)));
        assertFalse(H2OProcess.stale(jar, module), "jar newer than everything");

        Files.setLastModifiedTime(source, FileTime.from(built.plusSeconds(1)));
        assertTrue(H2OProcess.stale(jar, module), "a source edited after the build");

        Files.setLastModifiedTime(source, FileTime.from(built.minusSeconds(60)));
        Files.setLastModifiedTime(pom, FileTime.from(built.plusSeconds(1)));
        assertTrue(H2OProcess.stale(jar, module), "the pom edited after the build");
    }
}
