package dev.quarry.examples.benchmark;

import dev.quarry.featurize.table.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared datasets' MANIFEST.tsv: file, task, target and the published reference scores.
 *
 * @param entries one per dataset, in file order
 */
public record Manifest(List<Entry> entries) {

    private static final Pattern REFERENCE = Pattern.compile("Reference[^:]*:\\s*(.*?)\\.(?:\\s+[A-Z]|$)");

    /**
     * One dataset.
     *
     * @param file the CSV's name
     * @param task its task
     * @param target its target column
     * @param rows its rows as published
     * @param reference the published reference scores, e.g. "AMLB ROC AUC 0.778-0.796 ...", or ""
     */
    public record Entry(String file, Task task, String target, int rows, String reference) {
    }

    /**
     * @param file the manifest
     * @return its entries
     * @throws IOException on a read error
     */
    public static Manifest read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.getFirst().split("\t"));
        var entries = new ArrayList<Entry>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String notes = f[header.indexOf("notes")];
            Matcher m = REFERENCE.matcher(notes);
            entries.add(new Entry(f[header.indexOf("file")], Task.valueOf(f[header.indexOf("task")].toUpperCase(Locale.ROOT)),
                    f[header.indexOf("target")], Integer.parseInt(f[header.indexOf("rows")]),
                    m.find() ? m.group(1).trim() : ""));
        }
        return new Manifest(entries);
    }

    /**
     * @param file a dataset file name
     * @return its entry
     */
    public Entry entry(String file) {
        return entries.stream().filter(e -> e.file().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("dataset " + file + " is not in the manifest"));
    }
}
