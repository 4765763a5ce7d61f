package dev.quarry.reports.html;

import dev.quarry.reports.ReportJson;
import dev.quarry.reports.model.ExperimentReport;
import dev.quarry.reports.model.WorkspaceIndex;

/**
 * Renders an experiment report or a workspace index as one self-contained HTML file: the page's
 * script draws the leaderboard (sortable, filterable, paged so 5,000 rows stay fast) and the
 * charts (inline SVG) from the same JSON that {@link ReportJson} writes. Every user string reaches
 * the page only as JSON data and is put into the document as text, never as markup.
 */
public final class ReportHtml {

    private ReportHtml() {
    }

    /**
     * @param report the report
     * @return the HTML document
     */
    public static String render(ExperimentReport report) {
        return Page.render(report.summary().name() + " \u00b7 Quarry report", "Experiment " + report.summary().name(),
                ReportJson.toJson(report, false), "common.js", "report.js");
    }

    /**
     * @param index the workspace index
     * @return the HTML document
     */
    public static String render(WorkspaceIndex index) {
        return Page.render("Quarry workspace", "Quarry workspace", ReportJson.toJson(index, false), "common.js",
                "index.js");
    }
}
