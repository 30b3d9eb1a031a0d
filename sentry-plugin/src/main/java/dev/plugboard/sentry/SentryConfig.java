package dev.plugboard.sentry;

import dev.plugboard.sentry.http.Loopback;
import dev.plugboard.sentry.http.SentryException;
import dev.plugboard.spi.ConnectorConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Sentry connector's configuration, bound and checked. {@link #toString()} never shows the token.
 *
 * @param authToken      the Sentry auth token (secret)
 * @param organization   the organization slug
 * @param baseUrl        the API host the first request goes to, without a trailing slash
 * @param maxConcurrency the most requests in flight, when configured
 * @param requestTimeout how long one request may take, when configured
 * @param maxResponseMegabytes the largest answer read, in MiB after decompression, when configured
 */
record SentryConfig(String authToken, String organization, URI baseUrl, Optional<Integer> maxConcurrency,
                    Optional<Duration> requestTimeout, Optional<Integer> maxResponseMegabytes) {

    static final URI DEFAULT_BASE_URL = URI.create("https://sentry.io");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");
    /** The largest answer read when maxResponseMegabytes is not set: 32 MiB (a page of 100 full events is a few). */
    static final int DEFAULT_MAX_RESPONSE_MEGABYTES = 32;
    private static final Set<String> KNOWN = Set.of("authToken", "organization", "baseUrl", "maxConcurrency",
            "requestTimeoutSeconds", "maxResponseMegabytes");

    SentryConfig {
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(maxConcurrency, "maxConcurrency");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(maxResponseMegabytes, "maxResponseMegabytes");
        if (authToken.isEmpty()) {
            throw SentryException.config("config.token-missing", "authToken is empty: set it to a Sentry auth token");
        }
        for (int i = 0; i < authToken.length(); i++) {
            char c = authToken.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw SentryException.config("config.token-malformed", "authToken contains whitespace or a control"
                        + " character at position " + i + ": paste the token alone, without spaces or line breaks");
            }
        }
        if (!SLUG.matcher(organization).matches()) {
            throw SentryException.config("config.organization-invalid", "organization '" + organization
                    + "' is not a Sentry organization slug (lower case letters, digits, '-' and '_', at most 50"
                    + " characters, as in https://sentry.io/organizations/<slug>/)");
        }
        baseUrl = checkBaseUrl(baseUrl);
        maxConcurrency.ifPresent(n -> {
            if (n < 1 || n > 25) {
                throw SentryException.config("config.max-concurrency", "maxConcurrency must be between 1 and 25, got " + n);
            }
        });
        requestTimeout.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw SentryException.config("config.request-timeout", "requestTimeoutSeconds must be positive, got "
                        + d.toSeconds());
            }
        });
        maxResponseMegabytes.ifPresent(n -> {
            if (n < 1 || n > 1024) {
                throw SentryException.config("config.max-response", "maxResponseMegabytes must be between 1 and 1024,"
                        + " got " + n);
            }
        });
    }

    /** Without a response limit: the default applies. */
    SentryConfig(String authToken, String organization, URI baseUrl, Optional<Integer> maxConcurrency,
                 Optional<Duration> requestTimeout) {
        this(authToken, organization, baseUrl, maxConcurrency, requestTimeout, Optional.empty());
    }

    /** @return the largest answer read, in bytes after decompression */
    long maxResponseBytes() {
        return maxResponseMegabytes.orElse(DEFAULT_MAX_RESPONSE_MEGABYTES) * 1024L * 1024L;
    }

    /**
     * Binds a host configuration.
     *
     * @param config the configuration, already validated against the schema by the host (checked again here)
     * @return the bound configuration
     * @throws SentryException of kind CONFIG naming the property at fault
     */
    static SentryConfig from(ConnectorConfig config) {
        for (String key : config.values().keySet()) {
            if (!KNOWN.contains(key)) {
                throw SentryException.config("config.unknown-property", "unknown configuration property '" + key
                        + "'; the Sentry connector takes " + String.join(", ", KNOWN.stream().sorted().toList()));
            }
        }
        String token = config.string("authToken").map(String::strip).orElseThrow(() -> SentryException.config(
                "config.token-missing", "authToken is required: set it to a Sentry auth token"));
        String org = config.string("organization").map(String::strip).orElseThrow(() -> SentryException.config(
                "config.organization-missing", "organization is required: set it to the organization slug"));
        String base = config.string("baseUrl").map(String::strip).orElse(DEFAULT_BASE_URL.toString());
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw SentryException.config("config.base-url-invalid", "baseUrl '" + base + "' is not a URL: "
                    + e.getReason());
        }
        Optional<Integer> concurrency = config.integer("maxConcurrency").map(n -> (int) Math.max(Integer.MIN_VALUE,
                Math.min(Integer.MAX_VALUE, n)));
        Optional<Duration> timeout = config.integer("requestTimeoutSeconds").map(Duration::ofSeconds);
        Optional<Integer> maxResponse = config.integer("maxResponseMegabytes").map(n -> (int) Math.max(
                Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n)));
        return new SentryConfig(token, org, uri, concurrency, timeout, maxResponse);
    }

    private static URI checkBaseUrl(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw SentryException.config("config.base-url-invalid", "baseUrl '" + uri
                    + "' must be an http(s) URL such as https://sentry.io");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw SentryException.config("config.base-url-invalid", "baseUrl '" + uri.getScheme() + "://"
                    + (uri.getHost() == null ? "" : uri.getHost())
                    + "…' must be a plain URL with a host and no user info, query or fragment, such as https://sentry.io");
        }
        if (scheme.equals("http") && !Loopback.isLoopback(uri.getHost())) {
            throw SentryException.config("config.base-url-insecure", "baseUrl must use https; http is allowed only"
                    + " for loopback hosts (127.0.0.0/8, ::1, localhost), got " + uri);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/api/0")) {
            path = path.substring(0, path.length() - "/api/0".length());
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    @Override
    public String toString() {
        return "SentryConfig[authToken=****, organization=" + organization + ", baseUrl=" + baseUrl
                + ", maxConcurrency=" + maxConcurrency + ", requestTimeout=" + requestTimeout
                + ", maxResponseMegabytes=" + maxResponseMegabytes + "]";
    }
}
