package dev.quarry.automl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of Quarry, the JVM and the learner libraries, read from the jars' Maven metadata. */
public final class LibraryVersions {

    private LibraryVersions() {
    }

    /** @return versions by component, in a fixed order; "unknown" where a jar carries no metadata */
    public static Map<String, String> current() {
        var out = new LinkedHashMap<String, String>();
        String quarry = LibraryVersions.class.getPackage().getImplementationVersion();
        out.put("quarry", quarry != null ? quarry : maven("dev.quarry", "quarry-automl"));
        out.put("java", Runtime.version().toString());
        out.put("smile", maven("com.github.haifengl", "smile-core"));
        out.put("tribuo", maven("org.tribuo", "tribuo-core"));
        return out;
    }

    private static String maven(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
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
