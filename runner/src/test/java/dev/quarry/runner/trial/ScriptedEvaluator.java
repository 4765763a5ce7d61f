package dev.quarry.runner.trial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The evaluators the executor contract runs, by name, so that they behave the same in this JVM and
 * in a worker JVM. What they observe goes into files in the script's scratch folder.
 */
public final class ScriptedEvaluator implements TrialEvaluator {

    private final Script script;

    /** @param script the behaviour */
    public ScriptedEvaluator(Script script) {
        this.script = script;
    }

    @Override
    public Evaluation evaluate(TrialTask t) throws Exception {
        int n = t.number();
        switch (script.name()) {
            case "constant" -> { }
            case "interval" -> {
                long start = System.currentTimeMillis();
                Thread.sleep(50);
                write("interval-" + n, start + " " + System.currentTimeMillis());
                return new Evaluation(n, Map.of("m", (double) n), 0.01);
            }
            case "throw" -> throw new IllegalArgumentException("bad lambda");
            case "oom0" -> {
                if (n == 0) {
                    throw new OutOfMemoryError("test");
                }
            }
            case "allocate0" -> {
                if (n == 0) {
                    var hoard = new ArrayList<long[]>();
                    while (true) {
                        hoard.add(new long[1 << 20]);
                    }
                }
            }
            case "sleep0" -> {
                if (n == 0) {
                    Thread.sleep(10_000);
                }
            }
            case "hang0" -> {
                if (n == 0) {
                    ignoreInterruptsUntil("release");
                    write("returned-0", "");
                }
            }
            case "sleepBelow10" -> {
                if (n < 10) {
                    Thread.sleep(60_000);
                }
            }
            case "hangAll" -> ignoreInterruptsUntil("release");
            case "jitter" -> Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            case "haltFirstAttempt0" -> {
                if (n == 0 && !Files.exists(script.scratch().resolve("attempted-0"))) {
                    write("attempted-0", "");
                    Runtime.getRuntime().halt(9);
                }
            }
            case "haltAlways0" -> {
                if (n == 0) {
                    Runtime.getRuntime().halt(9);
                }
            }
            case "stderr" -> System.err.println("a line from trial " + n);
            default -> throw new IllegalArgumentException("no script " + script.name());
        }
        return new Evaluation(n, Map.of(), 0);
    }

    /** Blocks until the named file exists, ignoring interruption the way native code does. */
    private void ignoreInterruptsUntil(String file) {
        Path release = script.scratch().resolve(file);
        while (!Files.exists(release)) {
            Thread.interrupted();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private void write(String file, String text) {
        try {
            Files.writeString(script.scratch().resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param scratch the folder of an {@code interval} script
     * @return the most trials that ran at the same moment, from their recorded intervals
     */
    public static int peakOverlap(Path scratch) throws IOException {
        var events = new ArrayList<long[]>();
        try (var files = Files.list(scratch)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("interval-")).toList()) {
                String[] parts = Files.readString(f).trim().split(" ");
                events.add(new long[] {Long.parseLong(parts[0]), 1});
                events.add(new long[] {Long.parseLong(parts[1]), -1});
            }
        }
        // Ends before starts at the same millisecond: a worker's next trial starts after its last ended.
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int active = 0;
        int peak = 0;
        for (long[] e : events) {
            active += (int) e[1];
            peak = Math.max(peak, active);
        }
        return peak;
    }
}
