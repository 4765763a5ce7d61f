package dev.quarry.examples.search;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Best-score-versus-time curves as one self-contained SVG: one panel per problem, one line per
 * strategy (the median over seeds of the best so far), log-scaled x axis.
 */
final class Curves {

    /** @param title the panel's title @param xLabel the x axis @param lines strategy id -> (x, y) points */
    record Panel(String title, String xLabel, Map<String, double[][]> lines) {
    }

    private static final int W = 360;
    private static final int H = 240;
    private static final int COLUMNS = 3;
    private static final String[] COLOURS = {"#7f7f7f", "#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

    private Curves() {
    }

    static String svg(List<Panel> panels, List<String> strategies) {
        int rows = (panels.size() + COLUMNS - 1) / COLUMNS;
        var s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", W * COLUMNS, H * rows + 30));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < strategies.size(); i++) {
            int x = 10 + 110 * i;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"15\" x2=\"%d\" y2=\"15\" stroke=\"%s\" stroke-width=\"2\"/>"
                    + "<text x=\"%d\" y=\"19\">%s</text>%n", x, x + 20, COLOURS[i % COLOURS.length], x + 25, strategies.get(i)));
        }
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            int ox = (p % COLUMNS) * W + 50;
            int oy = 30 + (p / COLUMNS) * H + 20;
            int pw = W - 70;
            int ph = H - 60;
            double xlo = Double.POSITIVE_INFINITY;
            double xhi = Double.NEGATIVE_INFINITY;
            double ylo = Double.POSITIVE_INFINITY;
            double yhi = Double.NEGATIVE_INFINITY;
            for (double[][] pts : panel.lines().values()) {
                for (double[] pt : pts) {
                    if (pt[0] > 0 && Double.isFinite(pt[1])) {
                        xlo = Math.min(xlo, Math.log10(pt[0]));
                        xhi = Math.max(xhi, Math.log10(pt[0]));
                        ylo = Math.min(ylo, pt[1]);
                        yhi = Math.max(yhi, pt[1]);
                    }
                }
            }
            if (!(xhi > xlo)) {
                xhi = xlo + 1;
            }
            if (!(yhi > ylo)) {
                yhi = ylo + 1;
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", ox, oy - 6,
                    panel.title()));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                    ox, oy, pw, ph));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s (log scale): %.3g to %.3g</text>%n", ox,
                    oy + ph + 16, panel.xLabel(), Math.pow(10, xlo), Math.pow(10, xhi)));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.4g</text>%n", ox - 3, oy + 8, yhi));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.4g</text>%n", ox - 3, oy + ph, ylo));
            for (int i = 0; i < strategies.size(); i++) {
                double[][] pts = panel.lines().get(strategies.get(i));
                if (pts == null) {
                    continue;
                }
                var path = new StringBuilder();
                for (double[] pt : pts) {
                    if (!(pt[0] > 0) || !Double.isFinite(pt[1])) {
                        continue;
                    }
                    double x = ox + (Math.log10(pt[0]) - xlo) / (xhi - xlo) * pw;
                    double y = oy + ph - (pt[1] - ylo) / (yhi - ylo) * ph;
                    path.append(path.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                }
                s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                        path, COLOURS[i % COLOURS.length]));
            }
        }
        return s.append("</svg>\n").toString();
    }
}
