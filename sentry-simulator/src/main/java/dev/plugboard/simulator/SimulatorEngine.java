package dev.plugboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.plugboard.simulator.api.Views;
import dev.plugboard.simulator.auth.ApiToken;
import dev.plugboard.simulator.auth.TokenKind;
import dev.plugboard.simulator.auth.TokenRegistry;
import dev.plugboard.simulator.faults.FaultKind;
import dev.plugboard.simulator.faults.FaultRule;
import dev.plugboard.simulator.faults.Faults;
import dev.plugboard.simulator.http.ApiCall;
import dev.plugboard.simulator.http.ApiError;
import dev.plugboard.simulator.http.ApiRequest;
import dev.plugboard.simulator.http.ApiResponse;
import dev.plugboard.simulator.http.Router;
import dev.plugboard.simulator.model.DataGrowth;
import dev.plugboard.simulator.model.Organization;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import dev.plugboard.simulator.ratelimit.RateLimiter;
import dev.plugboard.simulator.stats.RequestCounters;
import dev.plugboard.simulator.stats.RequestStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The request pipeline, independent of WireMock: count, inject faults, rate-limit, authenticate, check the org and
 * the scopes, handle, and decorate. Also serves the {@code /__simulator/} control endpoints.
 */
final class SimulatorEngine {
    /** What to do with a request: send a response, or break the connection in a WireMock way. */
    sealed interface Outcome {
        /** Send this response. */
        record Respond(ApiResponse response) implements Outcome {
        }

        /** Break the connection. */
        record Break(FaultKind kind) implements Outcome {
        }
    }

    private final Router router;
    private final Views views;
    private final TokenRegistry tokens;
    private final Faults faults;
    private final RequestCounters counters;
    private final RateLimiter limiter;
    private final Clock clock;
    private final Duration latency;
    private final Organization org;
    private final OrgChanges changes;

    SimulatorEngine(Router router, Views views, TokenRegistry tokens, Faults faults, RequestCounters counters,
                    RateLimitPolicy policy, Clock clock, Duration latency, Organization org, OrgChanges changes) {
        this.router = router;
        this.views = views;
        this.tokens = tokens;
        this.faults = faults;
        this.counters = counters;
        this.limiter = new RateLimiter(policy);
        this.clock = clock;
        this.latency = latency;
        this.org = org;
        this.changes = changes;
    }

    Outcome handle(ApiRequest request) {
        if (request.path().startsWith("/__simulator/")) {
            return new Outcome.Respond(control(request));
        }
        Optional<Router.Match> match = router.match(request.method(), request.path());
        String key = match.map(m -> m.route().key()).orElse(request.method() + " (unmatched)");
        counters.request(key);
        Optional<FaultRule> fault = faults.take(request.path());
        if (fault.isPresent()) {
            FaultRule f = fault.get();
            switch (f.kind()) {
                case CONNECTION_RESET, MALFORMED_CHUNK, EMPTY_RESPONSE -> {
                    return new Outcome.Break(f.kind());
                }
                case SERVER_ERROR -> {
                    ObjectNode body = views.object();
                    body.put("detail", "Internal Error");
                    body.put("errorId", String.format("%032x", ThreadLocalRandom.current().nextLong()));
                    return new Outcome.Respond(ApiResponse.json(f.status(), views.write(body)));
                }
                case RATE_LIMITED -> {
                    counters.rateLimited(key);
                    RateLimitPolicy.EndpointLimit limit = limiter.policy().limitFor(key);
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("X-Sentry-Rate-Limit-Limit", String.valueOf(limit.limit()));
                    headers.put("X-Sentry-Rate-Limit-Remaining", "0");
                    headers.put("X-Sentry-Rate-Limit-Reset",
                            String.valueOf(clock.instant().plus(limit.window()).getEpochSecond()));
                    headers.put("X-Sentry-Rate-Limit-ConcurrentLimit", String.valueOf(limit.concurrentLimit()));
                    headers.put("X-Sentry-Rate-Limit-ConcurrentRemaining", String.valueOf(limit.concurrentLimit()));
                    return new Outcome.Respond(tooMany(tooFrequent(limit)).withHeaders(headers));
                }
                default -> {
                    // LATENCY, MALFORMED_JSON, TRUNCATED_BODY: applied around normal handling
                }
            }
        }
        if (request.path().equals("/api/0/") || request.path().equals("/api/0")) {
            return new Outcome.Respond(ApiResponse.json(200, "{\"version\":\"0\"}"));
        }
        if (match.isEmpty()) {
            if (router.templateFor(request.path()).isPresent()) {
                return new Outcome.Respond(error(405, "Method \"" + request.method() + "\" not allowed."));
            }
            return new Outcome.Respond(error(404, ApiError.NOT_FOUND));
        }
        Router.Match m = match.get();
        String authorization = request.header("Authorization").orElse("anonymous");
        boolean integration = TokenKind.of(authorization.replaceFirst("^(?i)bearer\\s+", "").trim())
                == TokenKind.INTEGRATION;
        // integration tokens are limited per organization, user tokens per user (src/sentry/ratelimits/utils.py)
        String caller = integration ? "org:" + org.id() : authorization;
        RateLimiter.Decision decision = limiter.acquire(caller, key, integration, clock.instant());
        ApiResponse response;
        try {
            if (decision.verdict() != RateLimiter.Verdict.ALLOWED) {
                counters.rateLimited(key);
                response = tooMany(decision.detail());
            } else {
                sleep(latency.plus(fault.filter(f -> f.kind() == FaultKind.LATENCY).map(SimulatorEngine::delay)
                        .orElse(Duration.ZERO)));
                response = authorizedCall(request, m);
            }
        } finally {
            decision.release().run();
        }
        response = response.withHeaders(decision.headers());
        if (fault.isPresent() && fault.get().kind() == FaultKind.MALFORMED_JSON) {
            response = response.withBody(")]}'\n" + response.body());
        } else if (fault.isPresent() && fault.get().kind() == FaultKind.TRUNCATED_BODY) {
            response = response.withBody(response.body().substring(0, response.body().length() / 2));
        }
        return new Outcome.Respond(response);
    }

    private static String tooFrequent(RateLimitPolicy.EndpointLimit limit) {
        return "You are attempting to use this endpoint too frequently. Limit is " + limit.limit()
                + " requests in " + limit.window().getSeconds() + " seconds";
    }

    private ApiResponse authorizedCall(ApiRequest request, Router.Match m) {
        Instant now = clock.instant();
        TokenRegistry.Result auth = tokens.authenticate(request.header("Authorization"), now);
        if (auth instanceof TokenRegistry.Result.Refused refused) {
            return error(401, refused.detail());
        }
        ApiToken token = ((TokenRegistry.Result.Ok) auth).token();
        String orgRef = m.params().get("org");
        if (orgRef != null && token.organization().isPresent()) {
            String limited = token.organization().get();
            boolean ours = orgRef.equals(org.slug()) || orgRef.equals(org.id());
            if (!ours || !(limited.equals(org.slug()) || limited.equals(org.id()))) {
                return error(401, "Unauthorized organization access.");
            }
        }
        if (!m.route().anyOfScopes().isEmpty() && m.route().anyOfScopes().stream().noneMatch(token::has)) {
            return error(403, ApiError.FORBIDDEN);
        }
        try {
            return m.route().endpoint().handle(new ApiCall(request, m.params(), token, now));
        } catch (ApiError e) {
            return ApiResponse.json(e.status(), views.write(e.body()));
        } catch (RuntimeException e) {
            ObjectNode body = views.object();
            body.put("detail", "Internal Error");
            body.put("errorId", String.format("%032x", (long) e.toString().hashCode()));
            return ApiResponse.json(500, views.write(body));
        }
    }

    /**
     * A 429: the body is a bare JSON string, not {@code {"detail": ...}}, and there is no {@code Retry-After}
     * (getsentry/sentry {@code src/sentry/middleware/ratelimit.py}).
     */
    private ApiResponse tooMany(String detail) {
        return ApiResponse.json(429, views.write(TextNode.valueOf(detail)));
    }

    private ApiResponse error(int status, String detail) {
        ObjectNode body = views.object();
        body.put("detail", detail);
        return ApiResponse.json(status, views.write(body));
    }

    private static Duration delay(FaultRule f) {
        long min = f.minLatency().toMillis();
        long max = f.maxLatency().toMillis();
        return Duration.ofMillis(min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The control endpoints: stats (GET, DELETE, POST reset), faults (GET, POST, DELETE), tokens (POST), churn
     * (POST) and grow (POST).
     */
    private ApiResponse control(ApiRequest request) {
        String path = request.path().endsWith("/") ? request.path().substring(0, request.path().length() - 1)
                : request.path();
        String method = request.method();
        try {
            switch (path) {
                case "/__simulator/stats" -> {
                    if (method.equals("GET")) {
                        return ApiResponse.json(200, views.write(statsJson(counters.snapshot())));
                    }
                    if (method.equals("DELETE")) {
                        counters.reset();
                        return ApiResponse.empty(204);
                    }
                }
                case "/__simulator/stats/reset" -> {
                    if (method.equals("POST")) {
                        counters.reset();
                        return ApiResponse.empty(204);
                    }
                }
                case "/__simulator/faults" -> {
                    if (method.equals("GET")) {
                        ArrayNode out = views.array();
                        faults.active().forEach(f -> out.addObject().put("path", f.path().pattern())
                                .put("kind", f.kind().name()));
                        return ApiResponse.json(200, views.write(out));
                    }
                    if (method.equals("DELETE")) {
                        faults.clear();
                        return ApiResponse.empty(204);
                    }
                    if (method.equals("POST")) {
                        faults.add(faultFrom(parse(request)));
                        return ApiResponse.empty(201);
                    }
                }
                case "/__simulator/churn" -> {
                    if (method.equals("POST")) {
                        return ApiResponse.json(200, views.write(ControlViews.churn(views,
                                changes.churn(doubleParam(request, "percent"), longParam(request, "seed", 0)))));
                    }
                }
                case "/__simulator/grow" -> {
                    if (method.equals("POST")) {
                        return ApiResponse.json(200, views.write(ControlViews.growth(views,
                                changes.grow(growRequest(request)))));
                    }
                }
                case "/__simulator/tokens" -> {
                    if (method.equals("POST")) {
                        JsonNode body = parse(request);
                        List<String> scopes = new ArrayList<>();
                        body.path("scopes").forEach(s -> scopes.add(s.asText()));
                        ApiToken token = ApiToken.of(body.path("token").asText(), scopes);
                        if (body.hasNonNull("organization")) {
                            token = token.limitedTo(body.get("organization").asText());
                        }
                        if (body.path("expired").asBoolean(false)) {
                            token = token.expiringAt(Instant.EPOCH);
                        }
                        tokens.add(token);
                        return ApiResponse.empty(201);
                    }
                }
                default -> {
                    return error(404, ApiError.NOT_FOUND);
                }
            }
            return error(405, "Method \"" + method + "\" not allowed.");
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private static double doubleParam(ApiRequest request, String name) {
        String v = request.param(name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + v);
        }
    }

    private static long longParam(ApiRequest request, String name, long fallback) {
        Optional<String> v = request.param(name);
        try {
            return v.isEmpty() ? fallback : Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: " + v.get());
        }
    }

    private static DataGrowth.Request growRequest(ApiRequest request) {
        Optional<Instant> lateBefore;
        try {
            lateBefore = request.param("lateBefore").map(Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("lateBefore must be an ISO instant like 2025-06-15T09:55:00Z: "
                    + request.param("lateBefore").orElse(""));
        }
        int events = Math.toIntExact(longParam(request, "events", 0));
        int issues = Math.toIntExact(longParam(request, "issues", 0));
        int feedback = Math.toIntExact(longParam(request, "feedback", 0));
        int late = Math.toIntExact(longParam(request, "late", lateBefore.isPresent() ? 1 : 0));
        if (events + issues + feedback + late == 0) {
            throw new IllegalArgumentException("nothing to add: give events, issues, feedback or late (with "
                    + "lateBefore)");
        }
        return new DataGrowth.Request(longParam(request, "seed", 0), events, issues, feedback, late, lateBefore,
                request.params("project"));
    }

    private JsonNode parse(ApiRequest request) {
        return views.parse(request.body()).orElseThrow(() -> new IllegalArgumentException("malformed JSON body"));
    }

    private static FaultRule faultFrom(JsonNode b) {
        FaultKind kind = FaultKind.valueOf(b.path("kind").asText("SERVER_ERROR"));
        Duration min = Duration.ofMillis(b.path("latencyMs").asLong(0));
        Duration max = b.has("maxLatencyMs") ? Duration.ofMillis(b.get("maxLatencyMs").asLong()) : min;
        int times = b.path("times").asInt(0);
        FaultRule rule = new FaultRule(Pattern.compile(b.path("path").asText(".*")), kind,
                kind == FaultKind.SERVER_ERROR ? b.path("status").asInt(500) : 0, min, max, OptionalInt.empty());
        return times > 0 ? rule.times(times) : rule;
    }

    /** The stats as JSON: {@code {"total", "rateLimited", "endpoints": {key: {"count", "rateLimited"}}}}. */
    JsonNode statsJson(RequestStats stats) {
        ObjectNode out = views.object();
        out.put("total", stats.total());
        out.put("rateLimited", stats.rateLimited());
        out.set("changes", ControlViews.totals(views, changes.totals()));
        ObjectNode endpoints = out.putObject("endpoints");
        stats.perEndpoint().forEach((k, v) -> endpoints.putObject(k).put("count", v)
                .put("rateLimited", stats.rateLimited(k)));
        return out;
    }
}
