package dev.plugboard.sentry.http;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a request that got no answer means, for every method (one classification since GET and writes share it). */
class TransportFailureTest {
    private static final URI HOST = URI.create("https://sentry.example.com");

    private static SentryClient.Failure classify(Throwable t) {
        return Failures.classify(t, HOST, 1500, 1024 * 1024);
    }

    @Test
    void aConnectTimeoutIsATimeoutAndWorthRetryingThoughItIsAConnectException() {
        ConnectTimeoutException e = new ConnectTimeoutException("connection timed out: sentry.example.com/10.0.0.1:443");
        assertTrue(e instanceof ConnectException);
        SentryClient.Failure f = classify(e);
        assertTrue(f.retryable());
        assertEquals("timeout", f.reason());
        assertEquals("No answer from sentry.example.com within 1500 ms", f.description());
    }

    @Test
    void refusedAndUnknownHostsAreNotRetriedButResetsAre() {
        assertFalse(classify(new ConnectException("Connection refused")).retryable());
        assertEquals("host.unreachable", classify(new ConnectException("Connection refused")).code());
        assertFalse(classify(new UnknownHostException("sentry.example.com")).retryable());
        SentryClient.Failure reset = classify(new IOException("Connection reset by peer"));
        assertTrue(reset.retryable());
        assertEquals("connection reset", reset.reason());
    }
}
