package dev.plugboard.sentry.http;

import dev.plugboard.sentry.http.SentryClient.Failure;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** What a request that got no usable answer means: worth retrying or not, and how to say it. */
final class Failures {
    private Failures() {
    }

    /**
     * @param t                why a request got no answer
     * @param apiHost          the host it was sent to
     * @param timeoutMillis    the request timeout, for the message
     * @param maxResponseBytes the body limit, for the message
     * @return what the failure means: a timeout, a reset or a closed connection is worth retrying; an unknown host,
     *     a refused connection, a TLS failure or a body over the limit is not
     */
    static Failure classify(Throwable t, URI apiHost, long timeoutMillis, long maxResponseBytes) {
        String host = apiHost.getHost();
        for (Throwable c = t; c != null; c = c.getCause()) {
            String name = c.getClass().getName();
            if (c instanceof CappedBody.TooLarge) {
                return new Failure(false, "answer too large", "Sentry's answer was larger than "
                        + megabytes(maxResponseBytes) + " (maxResponseMegabytes, counted after decompression), so the"
                        + " connector stopped reading it: raise maxResponseMegabytes if the answer is legitimate, or"
                        + " check baseUrl", "remote.too-large");
            }
            if (c instanceof UnknownHostException) {
                return new Failure(false, "unknown host", "Cannot resolve the host " + host
                        + ": check baseUrl (and DNS or proxy settings)", "host.unreachable");
            }
            // Before ConnectException: Netty's ConnectTimeoutException is one, and a timeout is worth retrying.
            if (name.contains("Timeout") || c instanceof java.util.concurrent.TimeoutException) {
                return new Failure(true, "timeout", "No answer from " + host + " within "
                        + timeoutMillis + " ms", "remote.unavailable");
            }
            if (c instanceof ConnectException) {
                return new Failure(false, "connection refused", "Cannot connect to "
                        + apiHost.getAuthority() + " (" + c.getClass().getSimpleName()
                        + "): check baseUrl and that Sentry is reachable from here", "host.unreachable");
            }
            if (c instanceof SSLException) {
                return new Failure(false, "TLS failure", "TLS with " + host + " failed ("
                        + c.getClass().getSimpleName() + ": " + c.getMessage() + "): check baseUrl and the"
                        + " server certificate", "host.tls");
            }
        }
        String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        String reason = msg.contains("reset") ? "connection reset" : "connection closed";
        return new Failure(true, reason, "The connection to " + host + " failed (" + t.getClass().getSimpleName()
                + ": " + t.getMessage() + ")", "remote.unavailable");
    }

    /** @return the {@link Error} (out of memory, stack overflow…) in the cause chain, if any */
    static Optional<Error> error(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Error e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * @param error what the JVM raised
     * @param where the request or component it hit
     * @return the call's failure (INTERNAL, never retried), naming the error
     */
    static SentryException fatal(Throwable error, String where) {
        return new SentryException(dev.plugboard.spi.ErrorKind.INTERNAL, "internal.fatal", error.getClass().getName()
                + " in " + where + (error instanceof OutOfMemoryError ? ": the JVM ran out of memory (lower"
                + " maxConcurrency or maxResponseMegabytes, or give the JVM more heap)" : "")
                + "; the call was not retried.", Optional.empty(), error);
    }

    /**
     * @param contentType a Content-Type header, or null
     * @return its media type when it is present and not JSON ({@code text/html}, say), else empty
     */
    static Optional<String> notJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.empty();
        }
        int semi = contentType.indexOf(';');
        String type = (semi >= 0 ? contentType.substring(0, semi) : contentType).strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.contains("json") ? Optional.empty() : Optional.of(type);
    }

    /** @return e.g. "32 MiB" or "1500 bytes" */
    static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
