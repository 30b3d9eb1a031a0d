package dev.plugboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for the tests: loopback only. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    Http(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    Http(SentrySimulator sim) {
        this(sim.baseUrl(), sim.token());
    }

    Http as(String otherToken) {
        return new Http(baseUrl, otherToken);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    HttpResponse<String> send(String method, String pathAndQuery, String body) {
        String url = pathAndQuery.startsWith("http") ? pathAndQuery : baseUrl + pathAndQuery;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cursor of the next link, if it says results="true". */
    static java.util.Optional<String> nextCursor(HttpResponse<String> response) {
        String link = response.headers().firstValue("Link").orElseThrow();
        String next = link.substring(link.indexOf(", <") + 2);
        if (!next.contains("rel=\"next\"; results=\"true\"")) {
            return java.util.Optional.empty();
        }
        int c = next.indexOf("cursor=\"");
        return java.util.Optional.of(next.substring(c + 8, next.indexOf('"', c + 8)));
    }
}
