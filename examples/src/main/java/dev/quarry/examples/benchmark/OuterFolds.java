package dev.quarry.examples.benchmark;

import dev.quarry.automl.evaluation.Split;
import dev.quarry.automl.evaluation.Splits;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.LabelledTable;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Targets;
import dev.quarry.search.Seeds;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Writes a dataset's outer folds as {@code fold-<k>/train.csv} and {@code test.csv}, once: every
 * contender then reads the very same rows. Rows with a missing target are dropped first (the
 * manifest's hflights trap); classification folds are stratified. Deterministic for a seed.
 */
final class OuterFolds {

    private OuterFolds() {
    }

    /**
     * @param dataset the CSV
     * @param entry its manifest entry
     * @param folds how many outer folds
     * @param seed the split seed
     * @param maxRows rows kept (a seeded sample), or null for all
     * @param dir where the fold folders go; existing complete folds are reused
     * @return the fold folders, in order
     * @throws IOException on a write error
     */
    static List<Path> write(Path dataset, Manifest.Entry entry, int folds, long seed, Integer maxRows, Path dir)
            throws IOException {
        List<Path> out = IntStream.range(0, folds).mapToObj(k -> dir.resolve("fold-" + k)).toList();
        if (out.stream().allMatch(p -> Files.isRegularFile(p.resolve("done")))) {
            return out;
        }
        Table raw = CsvReader.read(dataset, CsvOptions.defaults());
        LabelledTable labelled = Targets.split(raw, entry.target(), entry.task(), entry.file());
        int[] keep = keptRows(raw, entry.target());
        Table table = raw.select(keep);
        if (maxRows != null && table.rowCount() > maxRows) {
            int[] sample = sample(table.rowCount(), maxRows, Seeds.mix(seed, 77));
            table = table.select(sample);
            labelled = Targets.split(table, entry.target(), entry.task(), entry.file());
        }
        List<Split> splits = entry.task().isClassification()
                ? Splits.stratifiedKFold(labelled.target(), folds, Seeds.mix(seed, 1))
                : Splits.kFold(table.rowCount(), folds, Seeds.mix(seed, 1));
        for (int k = 0; k < folds; k++) {
            Files.createDirectories(out.get(k));
            writeCsv(table.select(splits.get(k).train()), out.get(k).resolve("train.csv"));
            writeCsv(table.select(splits.get(k).test()), out.get(k).resolve("test.csv"));
            Files.writeString(out.get(k).resolve("done"), "");
        }
        return out;
    }

    private static int[] keptRows(Table table, String target) {
        Column c = table.column(target);
        return IntStream.range(0, table.rowCount()).filter(i -> !c.isMissing(i)).toArray();
    }

    private static int[] sample(int rows, int n, long seed) {
        int[] all = IntStream.range(0, rows).toArray();
        var rng = new SplittableRandom(seed);
        for (int i = rows - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, n);
        Arrays.sort(out);
        return out;
    }

    /** RFC 4180 CSV; numbers print integral values without a fraction, missing values as empty cells. */
    static void writeCsv(Table table, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            List<Column> columns = table.columns();
            for (int j = 0; j < columns.size(); j++) {
                w.write((j > 0 ? "," : "") + quote(columns.get(j).name()));
            }
            w.write('\n');
            for (int i = 0; i < table.rowCount(); i++) {
                for (int j = 0; j < columns.size(); j++) {
                    if (j > 0) {
                        w.write(',');
                    }
                    w.write(cell(columns.get(j), i));
                }
                w.write('\n');
            }
        }
    }

    private static String cell(Column c, int row) {
        return switch (c) {
            case NumericColumn n -> {
                double v = n.values()[row];
                yield Double.isNaN(v) ? "" : v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
            }
            case CategoricalColumn k -> k.isMissing(row) ? "" : quote(k.value(row));
        };
    }

    private static String quote(String s) {
        boolean plain = s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0
                && s.equals(s.strip());
        return plain ? s : '"' + s.replace("\"", "\"\"") + '"';
    }
}
