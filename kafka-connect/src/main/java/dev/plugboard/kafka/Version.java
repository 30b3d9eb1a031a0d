package dev.plugboard.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The adapter's version, from the build. */
final class Version {
    private Version() {
    }

    /** @return the Maven version this module was built as */
    static String current() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
