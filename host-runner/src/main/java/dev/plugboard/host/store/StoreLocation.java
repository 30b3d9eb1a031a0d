package dev.plugboard.host.store;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the store lives: an SQLite file (the default, {@code $PLUGBOARD_HOME/plugboard.db}) or a PostgreSQL
 * database ({@code jdbc:postgresql://...}). The password is held apart from the URL and never shown.
 *
 * @param engine   the engine
 * @param file     the SQLite file (empty for PostgreSQL)
 * @param jdbcUrl  the JDBC URL without any password
 * @param user     the PostgreSQL user, when known
 * @param password the PostgreSQL password, when given (never printed)
 */
public record StoreLocation(Engine engine, Optional<Path> file, String jdbcUrl, Optional<String> user,
                            Optional<String> password) {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    /** The two engines; commands never see which. */
    public enum Engine {
        /** One SQLite file: embedded, nothing to run. */
        SQLITE,
        /** A PostgreSQL database, when several hosts share the store. */
        POSTGRESQL
    }

    /** Checks every component. */
    public StoreLocation {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (engine == Engine.SQLITE && file.isEmpty()) {
            throw new IllegalArgumentException("an SQLite store needs a file");
        }
    }

    /**
     * @param file an SQLite file
     * @return its location
     */
    public static StoreLocation sqlite(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return new StoreLocation(Engine.SQLITE, Optional.of(abs), "jdbc:sqlite:" + abs, Optional.empty(),
                Optional.empty());
    }

    /**
     * Chooses the store: {@code --store}, else {@code PLUGBOARD_STORE}, else {@code $PLUGBOARD_HOME/plugboard.db},
     * else {@code ~/.plugboard/plugboard.db}.
     *
     * @param option      the {@code --store} value, if given
     * @param environment looks up environment variables
     * @param userHome    the user's home folder
     * @return the location
     * @throws StoreException (usage) when a reference in a PostgreSQL URL cannot be resolved
     */
    public static StoreLocation resolve(Optional<String> option, Function<String, Optional<String>> environment,
                                        Path userHome) {
        Optional<String> chosen = option.filter(s -> !s.isBlank())
                .or(() -> environment.apply("PLUGBOARD_STORE").filter(s -> !s.isBlank()));
        if (chosen.isPresent()) {
            return parse(chosen.get(), environment);
        }
        Path home = environment.apply("PLUGBOARD_HOME").filter(s -> !s.isBlank()).map(Path::of)
                .orElse(userHome.resolve(".plugboard"));
        return sqlite(home.resolve("plugboard.db"));
    }

    /**
     * @param text        a file path or a {@code jdbc:postgresql:} URL (may hold {@code ${env:...}} and
     *                    {@code ${file:...}} references, and take the user and password from {@code PGUSER} and
     *                    {@code PGPASSWORD})
     * @param environment looks up environment variables
     * @return the location
     */
    public static StoreLocation parse(String text, Function<String, Optional<String>> environment) {
        if (text.startsWith("jdbc:sqlite:")) {
            return sqlite(Path.of(text.substring("jdbc:sqlite:".length())));
        }
        if (!text.startsWith(POSTGRES_PREFIX)) {
            if (text.startsWith("jdbc:")) {
                throw new StoreException(StoreException.Problem.USAGE, "--store " + text.replaceAll("\\?.*", "?...")
                        + ": only SQLite files and jdbc:postgresql:// URLs are supported");
            }
            return sqlite(Path.of(text));
        }
        String resolved = resolveReferences(text, environment);
        int q = resolved.indexOf('?');
        String base = q < 0 ? resolved : resolved.substring(0, q);
        List<String> kept = new ArrayList<>();
        String user = null;
        String password = null;
        if (q >= 0) {
            for (String param : resolved.substring(q + 1).split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String name = eq < 0 ? param : param.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.equals("password")) {
                    password = value;
                } else if (name.equals("user")) {
                    user = value;
                } else {
                    kept.add(param);
                }
            }
        }
        Optional<String> u = Optional.ofNullable(user).or(() -> environment.apply("PGUSER"));
        Optional<String> p = Optional.ofNullable(password).or(() -> environment.apply("PGPASSWORD"));
        String url = base + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new StoreLocation(Engine.POSTGRESQL, Optional.empty(), url, u, p);
    }

    private static String resolveReferences(String text, Function<String, Optional<String>> environment) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String value;
            if (m.group(1).equals("env")) {
                value = environment.apply(name).orElseThrow(() -> new StoreException(StoreException.Problem.USAGE,
                        "--store refers to ${env:" + name + "}, but the environment variable " + name + " is not set"));
            } else {
                try {
                    value = Files.readString(Path.of(name), StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
                } catch (IOException e) {
                    throw new StoreException(StoreException.Problem.USAGE, "--store refers to ${file:" + name
                            + "}, which cannot be read: " + e.getMessage(), e);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** @return what to show people: the file, or the URL (no password) with its user */
    public String describe() {
        return file.map(Path::toString).orElse(jdbcUrl + user.map(u -> " (user " + u + ")").orElse(""));
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "StoreLocation[" + engine + " " + describe() + "]";
    }
}
