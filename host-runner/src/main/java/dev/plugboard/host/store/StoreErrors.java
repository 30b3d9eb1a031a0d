package dev.plugboard.host.store;

import java.sql.SQLException;

/** Turns a database failure into a {@link StoreException} a person can act on (no secret in it). */
final class StoreErrors {
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;

    private StoreErrors() {
    }

    /**
     * @param e        the failure
     * @param location the store
     * @param what     what was being done, e.g. "open"
     * @return the exception to throw
     */
    static StoreException translate(SQLException e, StoreLocation location, String what) {
        String where = location.describe();
        if (location.engine() == StoreLocation.Engine.SQLITE) {
            int code = e.getErrorCode() & 0xff;
            String detail = firstLine(e.getMessage());
            return switch (code) {
                case SQLITE_NOTADB -> new StoreException(StoreException.Problem.UNAVAILABLE, where
                        + " is not a Plugboard store (it is not an SQLite database); choose another file with --store"
                        + " or PLUGBOARD_STORE", e);
                case SQLITE_CORRUPT -> new StoreException(StoreException.Problem.UNAVAILABLE, "the store " + where
                        + " is damaged (" + detail + "); restore it from a backup, or move it away to start a new"
                        + " store", e);
                case SQLITE_READONLY, SQLITE_CANTOPEN -> new StoreException(StoreException.Problem.UNAVAILABLE,
                        "cannot " + what + " the store " + where + ": it is read-only or its folder cannot be"
                        + " written (" + detail + "); fix the permissions or choose a writable --store", e);
                case SQLITE_BUSY, SQLITE_LOCKED -> new StoreException(StoreException.Problem.UNAVAILABLE,
                        "the store " + where + " stayed locked by another process for 30 s while trying to " + what
                        + " it; try again", e);
                case SQLITE_FULL, SQLITE_IOERR -> new StoreException(StoreException.Problem.UNAVAILABLE,
                        "cannot " + what + " the store " + where + ": " + detail, e);
                default -> new StoreException(StoreException.Problem.UNAVAILABLE, "cannot " + what + " the store "
                        + where + ": " + detail, e);
            };
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("28P01") || state.equals("28000")) {
            return new StoreException(StoreException.Problem.AUTHENTICATION, "PostgreSQL at " + where
                    + " refused the login (" + firstLine(e.getMessage()) + "); check the user and the password"
                    + " (password=${env:NAME} or ${file:PATH} in the URL, or PGUSER and PGPASSWORD)", e);
        }
        if (state.startsWith("08")) {
            return new StoreException(StoreException.Problem.UNAVAILABLE, "cannot reach PostgreSQL at " + where
                    + " (" + firstLine(e.getMessage()) + "); is it running, and is the URL right?", e);
        }
        if (state.equals("3D000")) {
            return new StoreException(StoreException.Problem.UNAVAILABLE, "PostgreSQL at " + where + ": "
                    + firstLine(e.getMessage()) + "; create the database first (createdb)", e);
        }
        if (state.equals("25006") || state.equals("42501")) {
            return new StoreException(StoreException.Problem.UNAVAILABLE, "cannot " + what + " the store " + where
                    + ": " + firstLine(e.getMessage()) + " (the user needs to create tables and write them)", e);
        }
        return new StoreException(StoreException.Problem.UNAVAILABLE, "cannot " + what + " the store " + where + ": "
                + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
