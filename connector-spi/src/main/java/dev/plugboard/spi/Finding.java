package dev.plugboard.spi;

/**
 * One result of {@link Connector#check()}.
 *
 * @param severity how much it matters
 * @param code     a stable, machine-readable code (e.g. {@code auth.invalid-token}, {@code scope.missing})
 * @param message  what was found and what to do about it, for a person; no secrets
 */
public record Finding(Severity severity, String code, String message) {

    /** How much a finding matters. */
    public enum Severity {
        /** The connector will not work until this is fixed. */
        ERROR,
        /** The connector works, but something may surprise you. */
        WARNING,
        /** Something confirmed working. */
        INFO
    }

    /** Checks every component. */
    public Finding {
        Checks.present(severity, "severity");
        Checks.text(code, "code");
        Checks.text(message, "message");
    }

    /** @return an error finding */
    public static Finding error(String code, String message) {
        return new Finding(Severity.ERROR, code, message);
    }

    /** @return a warning finding */
    public static Finding warning(String code, String message) {
        return new Finding(Severity.WARNING, code, message);
    }

    /** @return an informational finding */
    public static Finding info(String code, String message) {
        return new Finding(Severity.INFO, code, message);
    }
}
