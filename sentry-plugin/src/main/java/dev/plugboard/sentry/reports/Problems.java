package dev.plugboard.sentry.reports;

import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;

/** The failures a report raises itself: a parameter or page token that cannot work, or an answer it cannot read. */
final class Problems {
    private Problems() {
    }

    /** @return an INVALID_REQUEST failure naming the parameter */
    static ConnectorException parameter(String name, String message) {
        return new ConnectorException(ErrorKind.INVALID_REQUEST, "parameter '" + name + "': " + message);
    }

    /** @return an INVALID_REQUEST failure */
    static ConnectorException invalid(String message) {
        return new ConnectorException(ErrorKind.INVALID_REQUEST, message);
    }

    /** @return a NOT_FOUND failure */
    static ConnectorException notFound(String message) {
        return new ConnectorException(ErrorKind.NOT_FOUND, message);
    }

    /** @return an UNAVAILABLE failure (a bad remote answer, not a bug) about an answer the report cannot read */
    static ConnectorException unexpected(String message) {
        return new ConnectorException(ErrorKind.UNAVAILABLE, message);
    }
}
