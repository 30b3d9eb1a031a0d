package dev.plugboard.sentry;

import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentryConfigTest {
    static final String TOKEN = "sntryi_test_0123456789abcdef";

    static ConnectorConfig config(Map<String, Object> values) {
        return new ConnectorConfig("{}", values);
    }

    static Map<String, Object> base(String baseUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("authToken", TOKEN);
        m.put("organization", "acme");
        if (baseUrl != null) {
            m.put("baseUrl", baseUrl);
        }
        return m;
    }

    @Test
    void defaultsToSentryIo() {
        SentryConfig c = SentryConfig.from(config(base(null)));
        assertEquals(URI.create("https://sentry.io"), c.baseUrl());
        assertEquals("acme", c.organization());
        assertEquals(Optional.empty(), c.maxConcurrency());
        assertEquals(Optional.empty(), c.requestTimeout());
    }

    @Test
    void bindsLimitsAndTrimsTrailingSlashAndApiPrefix() {
        Map<String, Object> m = base("https://sentry.example.com/sentry/api/0/");
        m.put("maxConcurrency", 4);
        m.put("requestTimeoutSeconds", 30);
        SentryConfig c = SentryConfig.from(config(m));
        assertEquals(URI.create("https://sentry.example.com/sentry"), c.baseUrl());
        assertEquals(Optional.of(4), c.maxConcurrency());
        assertEquals(Optional.of(Duration.ofSeconds(30)), c.requestTimeout());
    }

    @Test
    void httpIsRefusedForNonLoopbackHosts() {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> SentryConfig.from(config(base("http://sentry.example.com"))));
        assertEquals(ErrorKind.CONFIG, e.kind());
        assertEquals("baseUrl must use https; http is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost),"
                + " got http://sentry.example.com", e.getMessage());
    }

    @Test
    void httpIsAllowedForLoopbackHosts() {
        for (String url : new String[]{"http://127.0.0.1:9000", "http://127.1.2.3", "http://localhost:8080",
                "http://[::1]:9000"}) {
            assertEquals(URI.create(url), SentryConfig.from(config(base(url))).baseUrl(), url);
        }
        assertThrows(ConnectorException.class, () -> SentryConfig.from(config(base("http://128.0.0.1"))));
        assertThrows(ConnectorException.class, () -> SentryConfig.from(config(base("http://localhost.evil.com"))));
    }

    @Test
    void rejectsBadSlugsSchemesAndTokens() {
        Map<String, Object> m = base(null);
        m.put("organization", "Acme Inc");
        ConnectorException e = assertThrows(ConnectorException.class, () -> SentryConfig.from(config(m)));
        assertEquals(ErrorKind.CONFIG, e.kind());
        assertTrue(e.getMessage().startsWith("organization 'Acme Inc' is not a Sentry organization slug"));

        e = assertThrows(ConnectorException.class, () -> SentryConfig.from(config(base("ftp://sentry.io"))));
        assertEquals("baseUrl 'ftp://sentry.io' must be an http(s) URL such as https://sentry.io", e.getMessage());

        Map<String, Object> t = base(null);
        t.put("authToken", "sntryi_test_abc def");
        e = assertThrows(ConnectorException.class, () -> SentryConfig.from(config(t)));
        assertFalse(e.getMessage().contains("abc"));
        assertEquals("authToken contains whitespace or a control character at position 15: paste the token alone,"
                + " without spaces or line breaks", e.getMessage());

        Map<String, Object> u = base(null);
        u.put("orgnization", "typo");
        e = assertThrows(ConnectorException.class, () -> SentryConfig.from(config(u)));
        assertTrue(e.getMessage().startsWith("unknown configuration property 'orgnization'"));

        Map<String, Object> c = base(null);
        c.put("maxConcurrency", 26);
        e = assertThrows(ConnectorException.class, () -> SentryConfig.from(config(c)));
        assertEquals("maxConcurrency must be between 1 and 25, got 26", e.getMessage());
    }

    @Test
    void tokenFromAFileLosesItsNewline() {
        Map<String, Object> m = base(null);
        m.put("authToken", TOKEN + "\n");
        assertEquals(TOKEN, SentryConfig.from(config(m)).authToken());
    }

    @Test
    void toStringHidesTheToken() {
        String s = SentryConfig.from(config(base(null))).toString();
        assertFalse(s.contains(TOKEN), s);
        assertTrue(s.contains("authToken=****"), s);
    }
}
