package dev.plugboard.spi;

/** Tells a connector whether the host wants the current work stopped (Ctrl-C, a failed sibling call). */
public interface Cancellation {

    /** @return whether the work should stop as soon as it can */
    boolean isCancelled();

    /**
     * @throws ConnectorException of kind {@link ErrorKind#CANCELLED} when cancelled
     */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new ConnectorException(ErrorKind.CANCELLED, "the operation was cancelled");
        }
    }

    /** @return a cancellation that never fires */
    static Cancellation never() {
        return () -> false;
    }
}
