package dev.plugboard.sentry.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionResolverTest {
    private static URI resolve(String base, String region) {
        return RegionResolver.resolve(URI.create(base), Optional.ofNullable(region)).apiHost();
    }

    @Test
    void saasGatewayMovesToTheRegionHost() {
        assertEquals(URI.create("https://us.sentry.io"), resolve("https://sentry.io", "https://us.sentry.io"));
        assertEquals(URI.create("https://de.sentry.io"), resolve("https://acme.sentry.io", "https://de.sentry.io"));
        assertEquals(URI.create("https://de.sentry.io"), resolve("https://de.sentry.io", "https://de.sentry.io/"));
    }

    @Test
    void selfHostedKeepsItsBaseUrlWithItsPath() {
        assertEquals(URI.create("https://sentry.example.com/sentry"),
                resolve("https://sentry.example.com/sentry", "https://sentry.example.com"));
        assertEquals(URI.create("https://sentry.example.com"), resolve("https://sentry.example.com", null));
        assertEquals(URI.create("http://localhost:9001"), resolve("http://127.0.0.1:9000", "http://localhost:9001"));
    }

    @Test
    void foreignOrPlainHttpRegionsAreRefused() {
        var r = RegionResolver.resolve(URI.create("https://sentry.io"), Optional.of("http://us.sentry.io"));
        assertEquals(URI.create("https://sentry.io"), r.apiHost());
        assertTrue(r.warning().isPresent());
        assertEquals(URI.create("https://sentry.example.com"),
                resolve("https://sentry.example.com", "http://internal:9000"));
    }
}
