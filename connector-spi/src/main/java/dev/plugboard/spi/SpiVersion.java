package dev.plugboard.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version of this SPI, {@code MAJOR.MINOR}.
 *
 * <p>The SPI jar's manifest carries {@code Plugboard-SPI-Version}; {@link #current()} is the same value, read
 * from the jar. A plugin declares in its {@link ConnectorDescriptor#spiVersion()} the version it was built
 * against; a host runs it when the major versions are equal and the host's minor version is at least the
 * plugin's (minor versions only add default methods and optional fields).
 *
 * @param major incompatible revisions
 * @param minor compatible additions
 */
public record SpiVersion(int major, int minor) implements Comparable<SpiVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");
    private static final SpiVersion CURRENT = readCurrent();

    /** Checks the numbers. */
    public SpiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("SPI version numbers must not be negative: " + major + "." + minor);
        }
    }

    /**
     * Parses {@code MAJOR.MINOR}.
     *
     * @param text the version text, e.g. {@code "1.0"}
     * @return the version
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static SpiVersion parse(String text) {
        Objects.requireNonNull(text, "SPI version must not be null");
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("SPI version must look like MAJOR.MINOR (e.g. 1.0), got '" + text + "'");
        }
        return new SpiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** @return the version of the SPI classes on this class path (the host's) */
    public static SpiVersion current() {
        return CURRENT;
    }

    /**
     * @param required the version a plugin was built against
     * @return whether this version can run a plugin built against {@code required}
     */
    public boolean canRun(SpiVersion required) {
        return major == required.major && minor >= required.minor;
    }

    @Override
    public int compareTo(SpiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }

    private static SpiVersion readCurrent() {
        Properties p = new Properties();
        try (InputStream in = SpiVersion.class.getResourceAsStream("spi-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("connector-spi is missing dev/plugboard/spi/spi-version.properties");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(p.getProperty("version", ""));
    }
}
