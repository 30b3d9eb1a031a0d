package dev.plugboard.sentry.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sentry's pagination {@code Link} header:
 * {@code <URL>; rel="previous"; results="false"; cursor="C1", <URL>; rel="next"; results="true"; cursor="C2"}.
 * Only the {@code next} link decides whether another page exists; {@code previous} is ignored whatever it says.
 */
final class LinkHeader {
    private LinkHeader() {
    }

    /** One link of the header. */
    record Link(String url, Map<String, String> params) {
        Link {
            params = Map.copyOf(params);
        }

        Optional<String> param(String name) {
            return Optional.ofNullable(params.get(name));
        }
    }

    /**
     * @param header the header value, if the response had one
     * @return the cursor of the next page when the {@code next} link says {@code results="true"}
     */
    static Optional<String> nextCursor(Optional<String> header) {
        return header.flatMap(h -> parse(h).stream()
                .filter(l -> l.param("rel").filter(r -> r.equalsIgnoreCase("next")).isPresent())
                .findFirst())
                .filter(l -> l.param("results").filter(r -> r.equalsIgnoreCase("true")).isPresent())
                .flatMap(l -> l.param("cursor").filter(c -> !c.isBlank()));
    }

    /**
     * Parses every link; tolerant of spacing and of commas inside the angle-bracketed URL.
     *
     * @param header the header value
     * @return the links in order
     */
    static List<Link> parse(String header) {
        List<Link> links = new ArrayList<>();
        int i = 0;
        int n = header.length();
        while (i < n) {
            int open = header.indexOf('<', i);
            if (open < 0) {
                break;
            }
            int close = header.indexOf('>', open);
            if (close < 0) {
                break;
            }
            String url = header.substring(open + 1, close);
            Map<String, String> params = new LinkedHashMap<>();
            i = close + 1;
            while (i < n) {
                while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                    i++;
                }
                if (i >= n || header.charAt(i) == ',') {
                    i++;
                    break;
                }
                if (header.charAt(i) != ';') {
                    i++;
                    continue;
                }
                i++;
                int eq = header.indexOf('=', i);
                if (eq < 0) {
                    i = n;
                    break;
                }
                String name = header.substring(i, eq).trim().toLowerCase(Locale.ROOT);
                i = eq + 1;
                while (i < n && header.charAt(i) == ' ') {
                    i++;
                }
                String value;
                if (i < n && header.charAt(i) == '"') {
                    int end = header.indexOf('"', i + 1);
                    end = end < 0 ? n : end;
                    value = header.substring(i + 1, end);
                    i = Math.min(n, end + 1);
                } else {
                    int end = i;
                    while (end < n && header.charAt(end) != ';' && header.charAt(end) != ',') {
                        end++;
                    }
                    value = header.substring(i, end).trim();
                    i = end;
                }
                params.put(name, value);
            }
            links.add(new Link(url, params));
        }
        return links;
    }
}
