package dev.plugboard.conformance;

/**
 * A check found an input of the fixture wrong (a grant the principal already holds, a principal or a report that
 * does not exist, report parameters that break the report's schema): the check could not judge the plugin, and the
 * input needs fixing, not the plugin. {@code plugboard conformance} shows it as an INPUT line and exits 2; in a
 * plugin's own conformance test it is an error of that check, whose message names the builder call to fix.
 */
public final class WrongInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which input is wrong, why, and what to give instead */
    public WrongInputException(String message) {
        super(message);
    }
}
