package dev.quarry.automl.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the first unknown key in a config tree by walking it against the config records, before
 * any record is built. Binding would otherwise report a record's own rule first (a typo in the only
 * budget key reads as "no budget"), hiding the typo itself.
 */
final class KnownKeys {

    private KnownKeys() {
    }

    /**
     * @param node a config tree
     * @param type the record or sealed interface it binds to
     * @param path its JSON path
     * @param source the file name, for messages
     * @throws ConfigException naming the first unknown key, the closest known one and all known ones
     */
    static void check(JsonNode node, Class<?> type, String path, String source) {
        if (node == null || !node.isObject()) {
            return;
        }
        Class<?> concrete = type;
        boolean typed = false;
        if (type.isSealed()) {
            JsonSubTypes subtypes = type.getAnnotation(JsonSubTypes.class);
            JsonNode id = node.get("type");
            if (subtypes == null || id == null || !id.isTextual()) {
                return;
            }
            concrete = null;
            for (JsonSubTypes.Type t : subtypes.value()) {
                if (t.name().equals(id.asText())) {
                    concrete = t.value();
                }
            }
            if (concrete == null) {
                return;
            }
            typed = true;
        }
        if (!concrete.isRecord()) {
            return;
        }
        List<String> known = new ArrayList<>();
        if (typed) {
            known.add("type");
        }
        for (RecordComponent c : concrete.getRecordComponents()) {
            known.add(c.getName());
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                String suggestion = closest(key, known);
                throw new ConfigException(source, path + "." + key, "unknown key '" + key + "'"
                        + (suggestion != null ? "; did you mean " + suggestion + "?" : ";")
                        + " valid keys at " + path + ": " + String.join(", ", known.stream().sorted().toList()));
            }
        }
        for (RecordComponent c : concrete.getRecordComponents()) {
            check(node.get(c.getName()), c.getType(), path + "." + c.getName(), source);
        }
    }

    /**
     * @param key what the user wrote
     * @param known the valid words
     * @return the valid word closest to it (case-insensitive Levenshtein distance at most
     *     max(2, length/4), ties broken alphabetically), or null if none is that close
     */
    static String closest(String key, List<String> known) {
        String k = key.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(c -> distance(c.toLowerCase(Locale.ROOT), k) <= Math.max(2, key.length() / 4))
                .min(Comparator.comparingInt((String c) -> distance(c.toLowerCase(Locale.ROOT), k)).thenComparing(c -> c))
                .orElse(null);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
