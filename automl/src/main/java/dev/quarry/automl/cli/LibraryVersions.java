package dev.quarry.automl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of Quarry, the JVM and the learner libraries, read from build metadata on the class path. */
public final class LibraryVersions {

    private LibraryVersions() {
    }

    /** @return versions by component, in a fixed order; "unknown" where a jar carries no metadata */
    public static Map<String, String> current() {
        var out = new LinkedHashMap<String, String>();
        out.put("quarry", properties("/quarry-version.properties"));
        out.put("java", Runtime.version().toString());
        // Smile's jar has no Maven metadata, but its manifest names its version.
        String smile = smile.classification.RandomForest.class.getPackage().getImplementationVersion();
        out.put("smile", smile != null ? smile : "unknown");
        out.put("tribuo", properties("/META-INF/maven/org.tribuo/tribuo-core/pom.properties"));
        return out;
    }

    private static String properties(String resource) {
        try (InputStream in = LibraryVersions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            var p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
