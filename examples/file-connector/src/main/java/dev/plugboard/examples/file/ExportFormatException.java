package dev.plugboard.examples.file;

/** The export cannot be read: the message names the file, the line and what to fix. */
final class ExportFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    ExportFormatException(String message) {
        super(message);
    }

    ExportFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
