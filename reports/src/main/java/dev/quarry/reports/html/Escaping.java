package dev.quarry.reports.html;

/**
 * Escaping for the two places user text reaches a page: HTML text and attribute values, and JSON
 * embedded in a {@code <script type="application/json">} element.
 */
public final class Escaping {

    private Escaping() {
    }

    /**
     * @param s any text, or null (rendered as empty)
     * @return it safe as HTML text or inside a double- or single-quoted attribute value
     */
    public static String html(String s) {
        if (s == null) {
            return "";
        }
        var out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Makes JSON text safe inside a script element. In JSON, {@code <}, {@code >}, {@code &} and the
     * line separators U+2028 and U+2029 can only occur inside strings, where their {@code \\u}
     * escapes mean the same; escaped, no {@code </script>} or {@code <!--} can end or change the element.
     *
     * @param json valid JSON
     * @return the same JSON value, with those characters escaped
     */
    public static String scriptJson(String json) {
        var out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
