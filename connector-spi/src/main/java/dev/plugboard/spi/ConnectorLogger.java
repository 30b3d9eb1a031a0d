package dev.plugboard.spi;

/** A logger owned by the host. Messages must not contain secrets (the host masks the configured ones anyway). */
public interface ConnectorLogger {

    /** @param message detail useful when diagnosing */
    void debug(String message);

    /** @param message something a person running the host may want to see */
    void info(String message);

    /** @param message something unexpected that did not stop the work */
    void warn(String message);

    /** @return a logger that drops everything (for tests and tools) */
    static ConnectorLogger silent() {
        return new ConnectorLogger() {
            @Override
            public void debug(String message) {
            }

            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }
        };
    }
}
