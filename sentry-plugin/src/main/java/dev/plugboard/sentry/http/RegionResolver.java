package dev.plugboard.sentry.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the host for every request after the first from the organization's {@code links.regionUrl}.
 *
 * <p>The token goes only to a host the configuration vouches for: the configured host itself, or an https host
 * in the same domain (on SaaS, {@code sentry.io} → {@code us.sentry.io}; {@code acme.sentry.io} →
 * {@code de.sentry.io}), or, when the configured host is loopback, another loopback host. A region URL outside
 * those (a self-hosted install with a stale {@code system.url-prefix}, say) is ignored with a warning, and the
 * configured host is used.
 */
public final class RegionResolver {
    private RegionResolver() {
    }

    /** The outcome: the host to use and, when the region URL was refused, why. */
    public record Resolution(URI apiHost, Optional<String> warning) {
    }

    public static Resolution resolve(URI base, Optional<String> regionUrl) {
        if (regionUrl.isEmpty() || regionUrl.get().isBlank()) {
            return new Resolution(base, Optional.empty());
        }
        URI region;
        try {
            region = new URI(regionUrl.get().strip());
        } catch (URISyntaxException e) {
            return new Resolution(base, Optional.of("ignoring the organization's regionUrl '" + regionUrl.get()
                    + "': not a URL; using " + base));
        }
        String scheme = region.getScheme() == null ? "" : region.getScheme().toLowerCase(Locale.ROOT);
        String host = region.getHost() == null ? "" : region.getHost().toLowerCase(Locale.ROOT);
        String baseHost = base.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            return new Resolution(base, Optional.of("ignoring the organization's regionUrl '" + regionUrl.get()
                    + "': not an http(s) URL; using " + base));
        }
        if (host.equals(baseHost) && port(region) == port(base)) {
            return new Resolution(base, Optional.empty());
        }
        boolean loopbackPair = Loopback.isLoopback(host) && Loopback.isLoopback(baseHost);
        boolean sameDomain = scheme.equals("https") && (host.endsWith("." + baseHost)
                || (baseHost.chars().filter(c -> c == '.').count() >= 2
                && host.endsWith(baseHost.substring(baseHost.indexOf('.')))));
        if (!loopbackPair && !sameDomain) {
            return new Resolution(base, Optional.of("ignoring the organization's regionUrl '" + regionUrl.get()
                    + "': it is not an https host in the domain of baseUrl " + base + ", so the token is not sent"
                    + " there; set baseUrl to the region host yourself if it is right"));
        }
        return new Resolution(URI.create(scheme + "://" + region.getRawAuthority()), Optional.empty());
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
