package dev.plugboard.host.output;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * What the host knows of standard error: whether it is a terminal (a progress line then redraws itself in place;
 * otherwise plain lines now and then, with no carriage return) and how wide it is.
 *
 * <p>Java cannot tell whether standard error is a terminal, so the launcher ({@code bin/plugboard}) tells it:
 * {@code -Dplugboard.stderr.terminal=true} when {@code [ -t 2 ]}, and {@code -Dplugboard.stderr.columns=N} from
 * {@code stty size}. The width comes from {@code COLUMNS} first when that is set. Run without the launcher
 * ({@code java -jar}), standard error counts as a terminal when the JVM has a console.
 *
 * @param interactive whether standard error is a terminal
 * @param columns     its width in characters
 */
public record Terminal(boolean interactive, int columns) {
    /** The width assumed when nothing tells it. */
    public static final int DEFAULT_COLUMNS = 80;
    /** The property the launcher sets when standard error is a terminal. */
    public static final String TERMINAL_PROPERTY = "plugboard.stderr.terminal";
    /** The property the launcher sets to the terminal's width. */
    public static final String COLUMNS_PROPERTY = "plugboard.stderr.columns";

    /** Checks the width. */
    public Terminal {
        if (columns < 1) {
            throw new IllegalArgumentException("a terminal has at least one column, got " + columns);
        }
    }

    /** @return standard error of this process */
    public static Terminal stderr() {
        return of(name -> Optional.ofNullable(System.getenv(name)), name -> Optional.ofNullable(System.getProperty(name)),
                System.console() != null);
    }

    /**
     * @param env        environment variables
     * @param properties system properties
     * @param console    whether the JVM has a console (used when the launcher said nothing)
     * @return what they tell
     */
    public static Terminal of(Function<String, Optional<String>> env, Function<String, Optional<String>> properties,
                              boolean console) {
        boolean interactive = properties.apply(TERMINAL_PROPERTY).map(Boolean::parseBoolean).orElse(console);
        OptionalInt fromEnv = number(env.apply("COLUMNS"));
        int columns = fromEnv.isPresent() ? fromEnv.getAsInt()
                : number(properties.apply(COLUMNS_PROPERTY)).orElse(DEFAULT_COLUMNS);
        return new Terminal(interactive, columns);
    }

    private static OptionalInt number(Optional<String> text) {
        if (text.isPresent() && text.get().trim().matches("[0-9]{1,5}")) {
            int n = Integer.parseInt(text.get().trim());
            return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
        }
        return OptionalInt.empty();
    }
}
