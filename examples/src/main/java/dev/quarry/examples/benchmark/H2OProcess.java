package dev.quarry.examples.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How to start the H2O AutoML contender: a JDK 17 (H2O 3.44 runs embedded only there) and the
 * separately built {@code examples/h2o-contender} module, built with Maven on first use.
 */
final class H2OProcess {

    private H2OProcess() {
    }

    /**
     * @param root the repository root
     * @param args the contender arguments, as for {@link ContenderMain}
     * @return the command line
     * @throws IOException if no JDK 17 is found or the build fails
     */
    static List<String> command(Path root, List<String> args) throws IOException, InterruptedException {
        Path java17 = java17();
        Path module = root.resolve("examples/h2o-contender");
        Path jar = module.resolve("target/quarry-h2o-contender-0.1.0-SNAPSHOT.jar");
        if (stale(jar, module)) {
            build(module, java17.getParent().getParent());
        }
        var command = new ArrayList<String>(List.of(java17.toString(), "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Xmx8g", "-cp", jar + java.io.File.pathSeparator + module.resolve("target/lib/*"),
                "dev.quarry.examples.h2o.H2OContenderMain"));
        command.addAll(args);
        return command;
    }

    /**
     * Whether the contender jar must be (re)built: it is missing, or its pom or a source file is newer,
     * so that a checkout updated after the first build does not run an old contender.
     */
    static boolean stale(Path jar, Path module) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return true;
        }
        var built = Files.getLastModifiedTime(jar);
        try (Stream<Path> sources = Stream.concat(Stream.of(module.resolve("pom.xml")),
                Files.isDirectory(module.resolve("src")) ? Files.walk(module.resolve("src")) : Stream.empty())) {
            return sources.filter(Files::isRegularFile).anyMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).compareTo(built) > 0;
                } catch (IOException e) {
                    return true;
                }
            });
        }
    }

    /** A JDK 17: {@code QUARRY_JDK17}, else the first match under /usr/lib/jvm or /opt. */
    static Path java17() throws IOException, InterruptedException {
        String env = System.getenv("QUARRY_JDK17");
        var homes = new ArrayList<Path>();
        if (env != null) {
            homes.add(Path.of(env));
        }
        for (String dir : List.of("/usr/lib/jvm", "/opt")) {
            if (Files.isDirectory(Path.of(dir))) {
                try (Stream<Path> s = Files.list(Path.of(dir))) {
                    s.sorted().forEach(homes::add);
                }
            }
        }
        for (Path home : homes) {
            Path java = home.resolve("bin/java");
            if (Files.isExecutable(java) && major(java) == 17) {
                return java;
            }
        }
        throw new IOException("the h2o-automl contender needs a JDK 17 (H2O 3.44 runs embedded only there); "
                + "none found in /usr/lib/jvm or /opt; set QUARRY_JDK17");
    }

    private static int major(Path java) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        for (String line : out.split("\n")) {
            if (line.strip().startsWith("java.specification.version")) {
                return Integer.parseInt(line.substring(line.indexOf('=') + 1).strip().replace("1.", ""));
            }
        }
        return -1;
    }

    private static void build(Path module, Path javaHome) throws IOException, InterruptedException {
        System.out.println("building the H2O contender (first use; downloads H2O 3.44 from Maven Central)...");
        var pb = new ProcessBuilder("mvn", "-q", "-B", "-ntp", "-f", module.resolve("pom.xml").toString(), "package")
                .redirectErrorStream(true).redirectOutput(module.resolveSibling("h2o-contender-build.log").toFile());
        pb.environment().put("JAVA_HOME", javaHome.toString());
        if (pb.start().waitFor() != 0) {
            throw new IOException("building " + module + " failed; see " + module.resolveSibling("h2o-contender-build.log"));
        }
    }
}
