package dev.quarry.examples.benchmark;

import dev.quarry.automl.config.Durations;
import dev.quarry.automl.evaluation.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws score against budget as a self-contained SVG: one panel per dataset, Quarry's default at
 * each ladder budget (log-scaled x axis), the once-trained baselines as flat dashed lines.
 */
final class BudgetPlot {

    private static final int W = 320;
    private static final int H = 210;
    private static final int COLUMNS = 3;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#7f7f7f", "#9467bd"};

    private BudgetPlot() {
    }

    static String svg(List<Report.Row> rows, Manifest manifest, Suite suite) {
        List<String> datasets = rows.stream().map(Report.Row::dataset).distinct().toList();
        List<String> budgets = new ArrayList<>(suite.ladder());
        if (!budgets.contains(suite.budget())) {
            budgets.add(suite.budget());
        }
        budgets.sort((a, b) -> Durations.parse(a).compareTo(Durations.parse(b)));
        List<String> flat = suite.contenders().stream().filter(c -> !Contender.of(c).budgeted()).toList();
        int panels = datasets.size();
        int rowsOfPanels = (panels + COLUMNS - 1) / COLUMNS;
        var s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", W * COLUMNS, H * rowsOfPanels + 30));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        int lx = 10;
        s.append(legend(lx, 15, COLOURS[0], false, "quarry-default"));
        for (int i = 0; i < flat.size(); i++) {
            s.append(legend(lx + 130 * (i + 1), 15, COLOURS[(i + 1) % COLOURS.length], true, flat.get(i)));
        }
        for (int p = 0; p < panels; p++) {
            String d = datasets.get(p);
            Metric metric = Metric.defaultFor(manifest.entry(d + ".csv").task());
            int ox = (p % COLUMNS) * W;
            int oy = 30 + (p / COLUMNS) * H;
            double[] xs = new double[budgets.size()];
            double[] ys = new double[budgets.size()];
            for (int i = 0; i < budgets.size(); i++) {
                String b = budgets.get(i);
                xs[i] = Math.log(Durations.parse(b).toMillis());
                ys[i] = Report.mean(rows.stream().filter(r -> r.dataset().equals(d) && r.contender().equals("quarry-default")
                        && r.budget().equals(b) && r.error() == null).mapToDouble(Report.Row::score).toArray());
            }
            double[] levels = flat.stream().mapToDouble(c -> Report.mean(rows.stream().filter(r -> r.dataset().equals(d)
                    && r.contender().equals(c) && r.error() == null).mapToDouble(Report.Row::score).toArray())).toArray();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : ys) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            for (double v : levels) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            double pad = (hi - lo) * 0.1;
            lo -= pad;
            hi += pad;
            int left = ox + 50;
            int right = ox + W - 15;
            int top = oy + 25;
            int bottom = oy + H - 35;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s (%s)</text>%n", left, oy + 15, d,
                    metric.id()));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#ccc\"/>%n",
                    left, top, right - left, bottom - top));
            double xmin = xs[0];
            double xmax = xs[xs.length - 1] > xmin ? xs[xs.length - 1] : xmin + 1;
            final double flo = lo;
            final double fhi = hi;
            java.util.function.DoubleUnaryOperator px = x -> left + (x - xmin) / (xmax - xmin) * (right - left);
            java.util.function.DoubleUnaryOperator py = y -> bottom - (y - flo) / (fhi - flo) * (bottom - top);
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.3f</text>%n", left - 4, top + 4, hi));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.3f</text>%n", left - 4, bottom, lo));
            for (int i = 0; i < budgets.size(); i++) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                        px.applyAsDouble(xs[i]), bottom + 14, budgets.get(i)));
            }
            for (int i = 0; i < levels.length; i++) {
                if (!Double.isNaN(levels[i])) {
                    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                            + "stroke-dasharray=\"4 3\"/>%n", left, right, py.applyAsDouble(levels[i]), py.applyAsDouble(levels[i]),
                            COLOURS[(i + 1) % COLOURS.length]));
                }
            }
            var points = new StringBuilder();
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isNaN(ys[i])) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(xs[i]), py.applyAsDouble(ys[i])));
                    s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                            px.applyAsDouble(xs[i]), py.applyAsDouble(ys[i]), COLOURS[0]));
                }
            }
            s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().trim(), COLOURS[0]));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">budget per fold "
                    + "(%s)</text>%n", (left + right) / 2, bottom + 28, metric.direction().name().toLowerCase(Locale.ROOT)));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String legend(int x, int y, String colour, boolean dashed, String label) {
        return String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>"
                + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, x + 20, y - 4, y - 4, colour, dashed ? " stroke-dasharray=\"4 3\"" : "",
                x + 25, y, label);
    }
}
