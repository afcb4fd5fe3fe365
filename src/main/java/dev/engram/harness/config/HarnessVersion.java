package dev.engram.harness.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The harness's version as the build stamped it ({@code harness-version.properties}, filtered by Maven). */
public final class HarnessVersion {
    private HarnessVersion() {}

    public static String value() {
        try (InputStream in = HarnessVersion.class.getClassLoader().getResourceAsStream("harness-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
