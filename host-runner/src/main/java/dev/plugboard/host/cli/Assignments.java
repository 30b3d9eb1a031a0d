package dev.plugboard.host.cli;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The {@code NAME=VALUE} options ({@code --param}, {@code --set}) are picocli {@code Map} options: picocli splits
 * each argument at its first {@code =}. An argument without {@code =} gets {@link #NO_VALUE} (picocli's
 * {@code mapFallbackValue}), which no command-line argument can hold, so the command can say what to fix.
 */
final class Assignments {
    /** The value picocli gives a name written without {@code =}: a NUL, which argv cannot contain. */
    static final String NO_VALUE = "\0";

    private Assignments() {
    }

    /**
     * @param pairs   the option's values, as picocli parsed them
     * @param message the error for one malformed argument, given as it was written
     * @throws HostException (usage) for the first argument without a name or without {@code =}
     */
    static void check(Map<String, String> pairs, UnaryOperator<String> message) {
        pairs.forEach((name, value) -> {
            if (NO_VALUE.equals(value)) {
                throw new HostException(ExitCode.USAGE, message.apply(name));
            }
            if (name.isEmpty()) {
                throw new HostException(ExitCode.USAGE, message.apply("=" + value));
            }
        });
    }
}
