package dev.quarry.reports;

import dev.quarry.runner.history.CostMetrics;
import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.history.LeaderboardEntry;
import dev.quarry.runner.trial.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The leaderboard as a fixed-width console table. */
public final class LeaderboardText {

    private static final int PARAMS_WIDTH = 60;

    private LeaderboardText() {
    }

    /**
     * @param board the leaderboard
     * @param top how many ranked entries to show
     * @return the table, one line per entry after a header, ending in a newline; plus a line
     *     counting the failed runs if there are any
     */
    public static String render(Leaderboard board, int top) {
        List<LeaderboardEntry> shown = board.top(top);
        var rows = new ArrayList<String[]>();
        rows.add(new String[] {"rank", "trial", "learner", board.metric(), "fit s", "p50 ms", "p99 ms", "size",
            "params"});
        for (LeaderboardEntry e : shown) {
            TrialResult t = e.trial();
            rows.add(new String[] {Integer.toString(e.rank()), Integer.toString(t.number()), t.params().learner(),
                    String.format(Locale.ROOT, "%.4f", t.score()), String.format(Locale.ROOT, "%.2f", t.fitSeconds()),
                    millis(t.metrics().get(CostMetrics.PREDICT_P50_MS)), millis(t.metrics().get(CostMetrics.PREDICT_P99_MS)),
                    size(t.metrics().get(CostMetrics.ARTIFACT_BYTES)), abbreviate(t.params().describe())});
        }
        int[] width = new int[rows.getFirst().length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        var out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                boolean number = i != 2 && i != r.length - 1;
                String cell = number ? " ".repeat(width[i] - r[i].length()) + r[i] : r[i];
                out.append(cell);
                if (i < r.length - 1) {
                    out.append(number ? "  " : " ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.append('\n');
        }
        long failed = board.entries().stream().filter(e -> e.trial().failure() != null).count();
        long ranked = board.entries().stream().filter(e -> e.rank() > 0).count();
        out.append(String.format(Locale.ROOT, "%d child runs: %d scored, %d failed or cancelled%n",
                board.entries().size(), ranked, failed));
        return out.toString();
    }

    /** Milliseconds with three significant decimals, or "-" when not measured. */
    private static String millis(Double ms) {
        return ms == null || !Double.isFinite(ms) ? "-" : String.format(Locale.ROOT, ms < 10 ? "%.3f" : "%.1f", ms);
    }

    /**
     * Bytes in B, kB or MB (powers of 1000), one decimal above a kilobyte.
     *
     * @param bytes a size, or null when not measured
     * @return e.g. {@code "900 B"}, {@code "5.0 kB"}, {@code "1.4 MB"}, or {@code "-"} when not measured
     */
    public static String size(Double bytes) {
        if (bytes == null || !Double.isFinite(bytes)) {
            return "-";
        }
        if (bytes < 1000) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        return bytes < 1e6 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3) : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String abbreviate(String s) {
        return s.length() <= PARAMS_WIDTH ? s : s.substring(0, PARAMS_WIDTH - 3) + "...";
    }
}
