package dev.quarry.examples.featurize;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a seeded mixed-type CSV with 50 feature columns and a binary target {@code y}: 23 numeric
 * (5 with 5% missing), 6 integer codes, 3 booleans (two 0/1, one yes/no), 8 low-cardinality
 * categories (some missing), 4 high-cardinality categories (5,000 levels), a date, a date-time,
 * two free-text columns, a row id and a constant. The target depends on a few of them.
 */
final class MixedCsv {

    static final int COLUMNS = 50;
    private static final String[] WORDS = words();

    private MixedCsv() {
    }

    private static String[] words() {
        String[] base = {"order", "late", "refund", "great", "service", "box", "broken", "fast", "slow", "price", "help",
            "thanks", "never", "again", "happy", "store", "staff", "card", "wrong", "size"};
        var out = new ArrayList<String>();
        for (String b : base) {
            for (int i = 0; i < 10; i++) {
                out.add(i == 0 ? b : b + i);
            }
        }
        return out.toArray(String[]::new);
    }

    static List<String> header() {
        var h = new ArrayList<String>();
        for (int i = 0; i < 23; i++) {
            h.add("num" + i);
        }
        for (int i = 0; i < 6; i++) {
            h.add("code" + i);
        }
        h.addAll(List.of("flag0", "flag1", "answer"));
        for (int i = 0; i < 8; i++) {
            h.add("cat" + i);
        }
        for (int i = 0; i < 4; i++) {
            h.add("high" + i);
        }
        h.addAll(List.of("day", "stamp", "note", "comment", "row_id", "version", "y"));
        return h;
    }

    /**
     * @param file where to write
     * @param rows how many data rows
     * @param seed the seed
     */
    static void write(Path file, int rows, long seed) throws IOException {
        var random = new SplittableRandom(seed);
        LocalDate day0 = LocalDate.of(2015, 1, 1);
        LocalDateTime t0 = LocalDateTime.of(2020, 1, 1, 0, 0);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(String.join(",", header()));
            out.write('\n');
            var line = new StringBuilder(512);
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                double signal = 0;
                for (int i = 0; i < 23; i++) {
                    double v = random.nextGaussian();
                    if (i < 3) {
                        signal += v;
                    }
                    if (i >= 18 && random.nextDouble() < 0.05) {
                        line.append(',');
                    } else if (i >= 20) {
                        line.append(random.nextInt(1000)).append(',');
                    } else {
                        line.append((float) v).append(',');
                    }
                }
                for (int i = 0; i < 6; i++) {
                    line.append(1 + random.nextInt(5)).append(',');
                }
                line.append(random.nextInt(2)).append(',').append(random.nextInt(2)).append(',')
                        .append(random.nextBoolean() ? "yes" : "no").append(',');
                for (int i = 0; i < 8; i++) {
                    if (i < 2 && random.nextDouble() < 0.03) {
                        line.append(',');
                    } else {
                        int level = random.nextInt(6);
                        signal += i == 0 && level == 0 ? 1 : 0;
                        line.append("level").append(level).append(',');
                    }
                }
                for (int i = 0; i < 4; i++) {
                    line.append('h').append(random.nextInt(5000)).append(',');
                }
                line.append(day0.plusDays(random.nextInt(3000))).append(',');
                line.append(t0.plusSeconds(random.nextInt(100_000_000)).toString().replace('T', ' ')).append(',');
                for (int t = 0; t < 2; t++) {
                    int n = 5 + random.nextInt(4);
                    for (int w = 0; w < n; w++) {
                        String word = WORDS[random.nextInt(WORDS.length)];
                        signal += t == 0 && word.equals("refund") ? 1 : 0;
                        line.append(w > 0 ? " " : "").append(word);
                    }
                    line.append(',');
                }
                line.append("R").append(r).append(',').append("v1").append(',');
                line.append(signal + random.nextGaussian() > 0.5 ? "yes" : "no").append('\n');
                out.append(line);
            }
        }
    }
}
