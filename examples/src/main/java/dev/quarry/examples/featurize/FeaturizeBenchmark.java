package dev.quarry.examples.featurize;

import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.featurize.guardrails.Guardrails;
import dev.quarry.featurize.profile.Profiler;
import dev.quarry.featurize.profile.TableProfile;
import dev.quarry.featurize.table.LabelledTable;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Targets;
import dev.quarry.featurize.transform.Featurizer;
import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.featurize.transform.FittedFeaturizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ./quarry bench-featurize [--rows N] [--out DIR] [--keep]}: generates a seeded N x 50
 * mixed-type CSV (default one million rows), then, timing each phase and watching the heap (GC
 * notifications, see {@link HeapWatch}): reads it into columnar storage, profiles the columns,
 * splits off the target, runs the guardrails, fits the featurizer on all rows (no matrix), transforms
 * all rows in chunks of 100,000, and fits plus transforms a 250,000-row training fold with
 * out-of-fold target encoding (the full matrix, as one trial's fold builds it). The launcher runs it
 * with {@code -Xmx2g}.
 */
public final class FeaturizeBenchmark {

    private static final int CHUNK = 100_000;
    private static final int FOLD_ROWS = 250_000;

    private FeaturizeBenchmark() {
    }

    private record Phase(String name, long rows, double seconds, long peak, long live, String note) {
    }

    /**
     * @param args {@code --rows N}, {@code --out DIR}, {@code --keep}
     */
    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        Path dir = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--out" -> dir = Path.of(args[++i]);
                case "--keep" -> keep = true;
                default -> {
                    System.err.println("usage: quarry bench-featurize [--rows N] [--out DIR] [--keep]; unknown " + args[i]);
                    System.exit(2);
                }
            }
        }
        dir = dir == null ? Files.createTempDirectory("quarry-bench-featurize") : Files.createDirectories(dir);
        Path csv = dir.resolve("mixed-" + rows + ".csv");
        var watch = new HeapWatch();
        var phases = new ArrayList<Phase>();
        System.out.printf(Locale.ROOT, "Featurization benchmark: %,d rows x %d columns, max heap %d MiB, %d cores%n",
                rows, MixedCsv.COLUMNS, HeapWatch.max() >> 20, Runtime.getRuntime().availableProcessors());
        final int n = rows;
        time(phases, watch, "generate CSV", n, () -> {
            try {
                MixedCsv.write(csv, n, 42);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return "";
        });
        Table[] table = new Table[1];
        time(phases, watch, "read CSV (2 passes)", n, () -> {
            table[0] = CsvReader.read(csv, CsvOptions.defaults());
            try {
                return Files.size(csv) / (1 << 20) + " MiB file";
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        LabelledTable[] labelled = new LabelledTable[1];
        TableProfile[] profile = new TableProfile[1];
        time(phases, watch, "profile columns", n, () -> {
            labelled[0] = Targets.split(table[0], "y", null, csv.getFileName().toString());
            profile[0] = Profiler.profile(labelled[0].features(), Map.of());
            var counts = new java.util.TreeMap<String, Integer>();
            profile[0].types().values().forEach(t -> counts.merge(t.name().toLowerCase(Locale.ROOT), 1, Integer::sum));
            return counts.toString();
        });
        table[0] = null;
        FeaturizerSpec spec = FeaturizerSpec.defaults().withProfile(profile[0]);
        time(phases, watch, "guardrails", n, () -> {
            var report = Guardrails.run(labelled[0], null, profile[0], spec, new Guardrails.ValidationPlan(5, 0.2, "5-fold"));
            return report.checks().stream().filter(c -> !c.status().name().equals("PASSED")).map(c -> c.check())
                    .toList().toString() + " not passed";
        });
        FittedFeaturizer[] fitted = new FittedFeaturizer[1];
        time(phases, watch, "fit featurizer, all rows", n, () -> {
            fitted[0] = Featurizer.fit(labelled[0].features(), labelled[0].target(), spec);
            return fitted[0].featureNames().size() + " features";
        });
        time(phases, watch, "transform, 100k-row chunks", n, () -> {
            double checksum = 0;
            for (int start = 0; start < n; start += CHUNK) {
                int[] chunk = java.util.stream.IntStream.range(start, Math.min(n, start + CHUNK)).toArray();
                checksum += fitted[0].transform(labelled[0].features().select(chunk)).rows()[0][0];
            }
            return "checksum " + (float) checksum;
        });
        int foldRows = Math.min(FOLD_ROWS, n);
        time(phases, watch, "fit+transform one fold (OOF)", foldRows, () -> {
            int[] fold = java.util.stream.IntStream.range(0, foldRows).toArray();
            var f = Featurizer.fitTransform(labelled[0].features().select(fold), labelled[0].target().select(fold), spec);
            return f.train().rowCount() + " x " + f.train().featureCount() + " matrix";
        });
        print(phases);
        if (!keep) {
            Files.deleteIfExists(csv);
            try (var left = Files.list(dir)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        } else {
            System.out.println("CSV kept: " + csv);
        }
    }

    private static void time(List<Phase> phases, HeapWatch watch, String name, long rows, Supplier<String> work) {
        System.gc();
        watch.reset();
        long start = System.nanoTime();
        String note = work.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = watch.peak();
        System.gc();
        long live = HeapWatch.used();
        var p = new Phase(name, rows, seconds, peak, live, note);
        phases.add(p);
        System.out.printf(Locale.ROOT, "  %-30s %7.1f s  %,12.0f rows/s  peak heap %5d MiB  %s%n", name, seconds,
                rows / seconds, peak >> 20, note);
    }

    private static void print(List<Phase> phases) {
        System.out.println();
        System.out.println("| phase | rows | seconds | rows/s | peak heap (MiB) | live after (MiB) | note |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        for (Phase p : phases) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %d | %d | %s |%n", p.name(), p.rows(), p.seconds(),
                    p.rows() / p.seconds(), p.peak() >> 20, p.live() >> 20, p.note());
        }
    }
}
