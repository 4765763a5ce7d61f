package dev.quarry.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Assembles one self-contained page from the bundled CSS and scripts (resources beside this class)
 * and the page's data as JSON. The script is allowed by its SHA-256 hash in the page's
 * Content-Security-Policy, which also forbids every network request.
 */
final class Page {

    private Page() {
    }

    /**
     * @param title the page title, raw (escaped here)
     * @param heading the first heading, raw (escaped here)
     * @param dataJson the page's data as JSON (made script-safe here)
     * @param scripts resource names of the scripts, concatenated in order into one script element
     * @return the HTML document
     */
    static String render(String title, String heading, String dataJson, String... scripts) {
        String css = resource("report.css");
        var js = new StringBuilder();
        for (String s : scripts) {
            js.append(resource(s)).append('\n');
        }
        String script = js.toString();
        String csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-"
                + sha256(script) + "'";
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Escaping.html(title) + "</title>\n<style>\n" + css + "</style>\n</head>\n<body>\n"
                + "<header><h1>" + Escaping.html(heading) + "</h1><p class=\"sub\" id=\"subtitle\"></p></header>\n"
                + "<main id=\"app\"><noscript>This report draws its tables and charts with JavaScript; "
                + "the same content is in the JSON below and from <code>quarry report --json</code>.</noscript></main>\n"
                + "<script type=\"application/json\" id=\"quarry-data\">" + Escaping.scriptJson(dataJson) + "</script>\n"
                + "<script>" + script + "</script>\n</body>\n</html>\n";
    }

    private static String resource(String name) {
        try (InputStream in = Page.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the reports jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
