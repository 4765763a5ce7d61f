package dev.quarry.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.reports.ReportJson;
import dev.quarry.reports.model.Budget;
import dev.quarry.reports.model.Charts;
import dev.quarry.reports.model.ExperimentReport;
import dev.quarry.reports.model.RunRow;
import dev.quarry.reports.model.Summary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's structure: escaping, the embedded data, and a CSP that admits exactly the page's script. */
class ReportHtmlTest {

    private static final String EVIL = "</script><script>alert(\"x\")</script><!-- '&\u2028";

    private static ExperimentReport report() {
        var summary = new Summary("exp-1", "exp", "COMPLETED", "binary", "auc", true, "5-fold",
                new Budget(60.0, null, 12.5, 1, 1, 0, 0), "reached maxTrials", null, null,
                "2026-01-01T00:00:00Z", null);
        var run = new RunRow(1, 0, EVIL, "COMPLETED", null, 0.8, null, 1, 0, 1.2, "local-1", null, null, null,
                Map.of(EVIL, EVIL), null);
        return new ExperimentReport("2026-01-01T00:00:01Z", summary, null, List.of(run),
                new Charts(List.of(), List.of(), List.of(), List.of()), List.of(), null, null);
    }

    @Test
    void htmlEscapingCoversTextAndBothQuoteStyles() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
                Escaping.html("<a href=\"x\" title='y'>&</a>"));
        assertEquals("", Escaping.html(null));
    }

    @Test
    void embeddedJsonCannotEndItsScriptElementAndStillParsesToTheSameReport() {
        String html = ReportHtml.render(report());
        assertFalse(html.contains(EVIL), "the raw string is nowhere in the page");
        var data = Pattern.compile("<script type=\"application/json\" id=\"quarry-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(data.find());
        String json = data.group(1);
        assertFalse(json.contains("<") || json.contains(">") || json.contains("&") || json.contains("\u2028"), json);
        assertEquals(report(), ReportJson.readReport(json));
        assertEquals(2, html.split("<script", -1).length - 1, "exactly the data and the code are script elements");
    }

    @Test
    void theContentSecurityPolicyAllowsOnlyThePagesOwnScriptAndNoNetwork() throws Exception {
        String html = ReportHtml.render(report());
        var csp = Pattern.compile("Content-Security-Policy\" content=\"([^\"]*)\"").matcher(html);
        assertTrue(csp.find());
        assertTrue(csp.group(1).startsWith("default-src 'none';"), csp.group(1));
        var code = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(code.find());
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(code.group(1).getBytes(StandardCharsets.UTF_8)));
        assertTrue(csp.group(1).contains("script-src 'sha256-" + hash + "'"), csp.group(1));
        String withoutSvgNamespace = html.replace("'http://www.w3.org/2000/svg'", "");
        assertFalse(withoutSvgNamespace.contains("http://") || withoutSvgNamespace.contains("https://"),
                "no URL to fetch anything from");
    }
}
