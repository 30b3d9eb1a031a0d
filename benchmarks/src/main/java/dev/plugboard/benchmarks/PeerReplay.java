package dev.plugboard.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays the request pattern of the public baton-sentry connector against a simulator: one call at a time; the
 * organization list; members; teams and each team's members; projects and one request per project (its teams);
 * then a second pass over all members for their org roles. On a 429 it waits for the window to reset, as a
 * well-behaved sequential client would.
 */
final class PeerReplay {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"; results=\"(true|false)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;
    private final String org;
    private long requests;
    private long rateLimited;

    PeerReplay(String base, String token, String org) {
        this.base = base;
        this.token = token;
        this.org = org;
    }

    long requests() {
        return requests;
    }

    long rateLimited() {
        return rateLimited;
    }

    void run() throws IOException, InterruptedException {
        list("/api/0/organizations/");
        list("/api/0/organizations/" + org + "/members/?per_page=100");
        for (JsonNode team : list("/api/0/organizations/" + org + "/teams/?per_page=100")) {
            list("/api/0/teams/" + org + "/" + team.get("slug").asText() + "/members/?per_page=100");
        }
        for (JsonNode project : list("/api/0/organizations/" + org + "/projects/?per_page=100")) {
            list("/api/0/projects/" + org + "/" + project.get("slug").asText() + "/teams/?per_page=100");
        }
        list("/api/0/organizations/" + org + "/members/?per_page=100");
    }

    private List<JsonNode> list(String path) throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        Optional<String> url = Optional.of(base + path);
        while (url.isPresent()) {
            HttpResponse<String> response = get(url.get());
            JsonNode body = JSON.readTree(response.body());
            if (body.isArray()) {
                body.forEach(items::add);
            }
            url = next(response.headers().firstValue("Link").orElse(""));
        }
        return items;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            requests++;
            if (response.statusCode() == 429) {
                rateLimited++;
                long reset = response.headers().firstValueAsLong("X-Sentry-Rate-Limit-Reset").orElse(0);
                long waitMs = Math.max(50, reset * 1000 - System.currentTimeMillis());
                Thread.sleep(Math.min(waitMs, 60_000));
                continue;
            }
            if (response.statusCode() != 200) {
                throw new IOException("peer replay: " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        }
    }

    private static Optional<String> next(String link) {
        Matcher m = NEXT.matcher(link);
        return m.find() && "true".equals(m.group(2)) ? Optional.of(m.group(1)) : Optional.empty();
    }
}
