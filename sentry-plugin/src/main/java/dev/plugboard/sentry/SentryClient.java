package dev.plugboard.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;

/**
 * The one way the plugin talks to Sentry: a GET that is paced ({@link RateLimitPacer}), retried
 * ({@link RetryPolicy}, and waits for the window on 429), counted ({@code progress().requestCompleted}) and
 * turned into a {@link SentryResponse} with the next page's cursor, or into a {@link SentryException} that says
 * what was tried. Shared by the identity sync, the check and, later, reports and provisioning.
 */
final class SentryClient {
    private final WebClient web;
    private final RateLimitPacer pacer;
    private final RateLimitPacer.Timers timers;
    private final ConnectorContext context;
    private final Tuning tuning;
    private final SentryErrors errors;
    private final ObjectMapper json;
    private final String authorization;
    private final long timeoutMillis;

    SentryClient(WebClient web, RateLimitPacer pacer, RateLimitPacer.Timers timers, ConnectorContext context,
                 Tuning tuning, SentryErrors errors, ObjectMapper json, String token, Duration timeout) {
        this.web = web;
        this.pacer = pacer;
        this.timers = timers;
        this.context = context;
        this.tuning = tuning;
        this.errors = errors;
        this.json = json;
        this.authorization = "Bearer " + token;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    /**
     * Sends one GET, with retries.
     *
     * @param request what to ask
     * @param cursor  the page cursor, if not the first page
     * @return the answer, or a failure of kind AUTHENTICATION, PERMISSION, NOT_FOUND, INVALID_REQUEST, CONFIG,
     *     RATE_LIMITED, UNAVAILABLE or CANCELLED
     */
    CompletionStage<SentryResponse> get(SentryRequest request, Optional<String> cursor) {
        CompletableFuture<SentryResponse> result = new CompletableFuture<>();
        new Call(request, cursor, result).start();
        return result;
    }

    /**
     * A raw answer of {@link #exchange}.
     *
     * @param status     the HTTP status
     * @param body       the body as text ("" when there was none)
     * @param nextCursor the next page's cursor, when the {@code next} link has results
     */
    record Reply(int status, String body, Optional<String> nextCursor) {
        Reply {
            java.util.Objects.requireNonNull(body, "body");
            java.util.Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }

    /**
     * Sends one request of any method with an optional JSON body (added for provisioning). Paced, counted and
     * waited on 429 like {@link #get}. 5xx and transport failures are retried for GET, PUT and DELETE only: a POST
     * whose answer was lost may have taken effect, so it fails as UNAVAILABLE and says so. A redirect fails as
     * CONFIG. Every other answer, 4xx included, is handed back for the caller to interpret.
     *
     * @param method    GET, POST, PUT or DELETE
     * @param apiHost   the host, without {@code /api/0}
     * @param path      the path after {@code /api/0}, encoded, with its query if any
     * @param jsonBody  the JSON body to send, if any
     * @param operation the endpoint's stable name for pacing and counting, e.g.
     *                  {@code POST /organizations/{org}/members/{member}/teams/{team}/}
     * @return the answer
     */
    CompletionStage<Reply> exchange(String method, java.net.URI apiHost, String path, Optional<String> jsonBody,
                                    String operation) {
        CompletableFuture<Reply> result = new CompletableFuture<>();
        new Exchange(io.vertx.core.http.HttpMethod.valueOf(method), apiHost, path, jsonBody, operation, result).start();
        return result;
    }

    /** One {@link #exchange}, with its waits and retries. */
    private final class Exchange {
        private final io.vertx.core.http.HttpMethod method;
        private final java.net.URI apiHost;
        private final String path;
        private final Optional<String> jsonBody;
        private final String operation;
        private final CompletableFuture<Reply> result;
        private final List<String> tried = new ArrayList<>();
        private int attempt = 1;
        private int rateLimitWaits;

        Exchange(io.vertx.core.http.HttpMethod method, java.net.URI apiHost, String path, Optional<String> jsonBody,
                 String operation, CompletableFuture<Reply> result) {
            this.method = method;
            this.apiHost = apiHost;
            this.path = path;
            this.jsonBody = jsonBody;
            this.operation = operation;
            this.result = result;
        }

        private String describe() {
            int q = path.indexOf('?');
            return method.name() + " " + apiHost + "/api/0" + (q >= 0 ? path.substring(0, q) : path);
        }

        void start() {
            if (context.cancellation().isCancelled()) {
                result.completeExceptionally(new ConnectorException(ErrorKind.CANCELLED, "the operation was cancelled"));
                return;
            }
            pacer.acquire(operation).whenComplete((permit, err) -> {
                if (err != null) {
                    result.completeExceptionally(unwrap(err));
                    return;
                }
                try {
                    var req = web.requestAbs(method, apiHost + "/api/0" + path)
                            .putHeader("Authorization", authorization)
                            .putHeader("Accept", "application/json")
                            .timeout(timeoutMillis);
                    var sent = jsonBody.isPresent()
                            ? req.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(jsonBody.get()))
                            : req.send();
                    sent.onComplete(ar -> {
                        try {
                            context.progress().requestCompleted(operation);
                            if (ar.succeeded()) {
                                onResponse(permit, ar.result());
                            } else {
                                permit.release(RateLimitPacer.Headers.NONE);
                                String m = String.valueOf(ar.cause().getMessage()).toLowerCase(Locale.ROOT);
                                boolean refused = unwrapCause(ar.cause(), ConnectException.class)
                                        || unwrapCause(ar.cause(), UnknownHostException.class)
                                        || unwrapCause(ar.cause(), SSLException.class);
                                onFailure(!refused, m.contains("reset") ? "connection reset" : "connection failed",
                                        "The request failed (" + ar.cause().getClass().getSimpleName() + ": "
                                                + ar.cause().getMessage() + ")");
                            }
                        } catch (RuntimeException e) {
                            permit.release(RateLimitPacer.Headers.NONE);
                            result.completeExceptionally(new SentryException(ErrorKind.INTERNAL, "internal",
                                    errors.redact("bug while handling the answer to " + describe() + ": " + e),
                                    Optional.empty(), null));
                        }
                    });
                } catch (RuntimeException e) {
                    permit.release(RateLimitPacer.Headers.NONE);
                    result.completeExceptionally(new SentryException(ErrorKind.INTERNAL, "internal", errors.redact(
                            "could not send " + describe() + ": " + e), Optional.empty(), null));
                }
            });
        }

        private void onResponse(RateLimitPacer.Permit permit, HttpResponse<Buffer> response) {
            int status = response.statusCode();
            RateLimitPacer.Headers headers = RateLimitPacer.Headers.from(response::getHeader);
            String body = response.body() == null ? "" : response.bodyAsString();
            if (status == 429) {
                Instant now = context.clock().instant();
                boolean windowSpent = headers.remaining().isEmpty() || headers.remaining().getAsInt() == 0;
                Instant until = retryAfter(response.getHeader("Retry-After"), now)
                        .or(() -> windowSpent ? headers.reset().map(r -> r.plus(tuning.resetMargin())) : Optional.empty())
                        .orElseGet(() -> now.plus(tuning.retryPolicy().backoff(rateLimitWaits + 1,
                                ThreadLocalRandom.current()::nextDouble)));
                if (until.isBefore(now)) {
                    until = now;
                }
                permit.rateLimited(headers, until);
                Duration wait = Duration.between(now, until);
                if (rateLimitWaits < tuning.rateLimitWaits() && wait.compareTo(tuning.maxRateLimitWait()) <= 0) {
                    rateLimitWaits++;
                    context.progress().requestRetried("429");
                    start();
                    return;
                }
                String detail = errors.detail(body);
                result.completeExceptionally(new SentryException(ErrorKind.RATE_LIMITED, "remote.rate-limited",
                        "Sentry kept rate-limiting " + describe() + " (" + rateLimitWaits + " waits"
                        + (detail.isEmpty() ? "" : "; Sentry said: " + detail) + "). Try again later.",
                        Optional.of(wait), null));
                return;
            }
            permit.release(headers);
            if (status >= 500) {
                String id = errors.errorId(body).map(i -> ", errorId " + i).orElse("");
                onFailure(true, "HTTP " + status, "Sentry answered " + status + id);
            } else if (status >= 300 && status < 400) {
                result.completeExceptionally(new SentryException(ErrorKind.CONFIG, "config.redirect", "Sentry"
                        + " answered " + describe() + " with a redirect (" + status + "); the connector does not"
                        + " follow redirects with the token: set baseUrl to the final API host."));
            } else {
                result.complete(new Reply(status, body,
                        LinkHeader.nextCursor(Optional.ofNullable(response.getHeader("Link")))));
            }
        }

        private void onFailure(boolean retryable, String reason, String description) {
            tried.add(reason);
            boolean safe = method != io.vertx.core.http.HttpMethod.POST;
            if (retryable && safe && tuning.retryPolicy().mayRetry(attempt)) {
                Duration delay = tuning.retryPolicy().backoff(attempt, ThreadLocalRandom.current()::nextDouble);
                attempt++;
                context.progress().requestRetried(reason);
                timers.schedule(delay, this::start);
                return;
            }
            String outcome = !retryable ? "." : safe ? "; gave up after " + tried.size() + " attempts ("
                    + String.join(", ", tried) + "). Sentry may be down or overloaded: try again later."
                    : "; not retried, because the POST may have taken effect: check in Sentry, or run the operation"
                    + " again (it is idempotent).";
            result.completeExceptionally(new SentryException(ErrorKind.UNAVAILABLE, retryable ? "remote.unavailable"
                    : "host.unreachable", errors.redact(description + " (" + describe() + ")" + outcome)));
        }
    }

    private static boolean unwrapCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** What a failed attempt means. */
    private record Failure(boolean retryable, String reason, String description, String code) {
    }

    private final class Call {
        private final SentryRequest request;
        private final Optional<String> cursor;
        private final CompletableFuture<SentryResponse> result;
        private final List<String> tried = new ArrayList<>();
        private int attempt = 1;
        private int rateLimitWaits;

        Call(SentryRequest request, Optional<String> cursor, CompletableFuture<SentryResponse> result) {
            this.request = request;
            this.cursor = cursor;
            this.result = result;
        }

        void start() {
            if (context.cancellation().isCancelled()) {
                result.completeExceptionally(new ConnectorException(ErrorKind.CANCELLED, "the operation was cancelled"));
                return;
            }
            pacer.acquire(request.endpoint().operation()).whenComplete((permit, err) -> {
                if (err != null) {
                    result.completeExceptionally(unwrap(err));
                    return;
                }
                try {
                    send(permit);
                } catch (RuntimeException e) {
                    permit.release(RateLimitPacer.Headers.NONE);
                    fail(new SentryException(ErrorKind.INTERNAL, "internal", errors.redact(
                            "could not send " + request.describe() + ": " + e), Optional.empty(), null));
                }
            });
        }

        private void send(RateLimitPacer.Permit permit) {
            web.getAbs(request.url(cursor))
                    .putHeader("Authorization", authorization)
                    .putHeader("Accept", "application/json")
                    .timeout(timeoutMillis)
                    .send()
                    .onComplete(ar -> {
                        try {
                            context.progress().requestCompleted(request.endpoint().operation());
                            if (ar.succeeded()) {
                                onResponse(permit, ar.result());
                            } else {
                                permit.release(RateLimitPacer.Headers.NONE);
                                onFailure(classify(ar.cause()));
                            }
                        } catch (RuntimeException e) {
                            permit.release(RateLimitPacer.Headers.NONE);
                            fail(new SentryException(ErrorKind.INTERNAL, "internal", errors.redact(
                                    "bug while handling the answer to " + request.describe() + ": " + e),
                                    Optional.empty(), null));
                        }
                    });
        }

        private void onResponse(RateLimitPacer.Permit permit, HttpResponse<Buffer> response) {
            int status = response.statusCode();
            RateLimitPacer.Headers headers = RateLimitPacer.Headers.from(response::getHeader);
            if (status == 429) {
                onRateLimited(permit, response, headers);
                return;
            }
            permit.release(headers);
            String body = response.body() == null ? "" : response.bodyAsString();
            if (status >= 200 && status < 300) {
                JsonNode node;
                try {
                    node = json.readTree(body);
                } catch (IOException e) {
                    node = null;
                }
                if (node == null || node.isMissingNode()) {
                    onFailure(new Failure(true, "malformed JSON", "Sentry answered " + status + " with a body that"
                            + " is not valid JSON (" + body.length() + " characters)", "remote.malformed-response"));
                    return;
                }
                result.complete(new SentryResponse(node,
                        LinkHeader.nextCursor(Optional.ofNullable(response.getHeader("Link")))));
            } else if (status >= 500) {
                String id = errors.errorId(body).map(i -> ", errorId " + i).orElse("");
                onFailure(new Failure(true, "HTTP " + status, "Sentry answered " + status + id,
                        "remote.unavailable"));
            } else if (status >= 300 && status < 400) {
                String location = Optional.ofNullable(response.getHeader("Location")).map(errors::redact)
                        .map(l -> " to " + l).orElse("");
                fail(new SentryException(ErrorKind.CONFIG, "config.redirect", "Sentry answered " + request.describe()
                        + " with a redirect (" + status + location + "); the connector does not follow redirects"
                        + " with the token: set baseUrl to the final API host."));
            } else {
                fail(errors.forStatus(status, body, request));
            }
        }

        private void onRateLimited(RateLimitPacer.Permit permit, HttpResponse<Buffer> response,
                                   RateLimitPacer.Headers headers) {
            Instant now = context.clock().instant();
            Optional<Instant> retryAfter = retryAfter(response.getHeader("Retry-After"), now);
            boolean windowSpent = headers.remaining().isEmpty() || headers.remaining().getAsInt() == 0;
            Instant until = retryAfter
                    .or(() -> windowSpent ? headers.reset().map(r -> r.plus(tuning.resetMargin())) : Optional.empty())
                    .orElseGet(() -> now.plus(tuning.retryPolicy().backoff(rateLimitWaits + 1,
                            ThreadLocalRandom.current()::nextDouble)));
            if (until.isBefore(now)) {
                until = now;
            }
            permit.rateLimited(headers, until);
            Duration wait = Duration.between(now, until);
            tried.add("429");
            if (rateLimitWaits < tuning.rateLimitWaits() && wait.compareTo(tuning.maxRateLimitWait()) <= 0) {
                rateLimitWaits++;
                context.progress().requestRetried("429");
                context.logger().debug("Sentry rate-limited " + request.endpoint().operation() + "; waiting "
                        + wait.toMillis() + " ms");
                start();
                return;
            }
            String detail = errors.detail(response.bodyAsString());
            fail(new SentryException(ErrorKind.RATE_LIMITED, "remote.rate-limited", "Sentry kept rate-limiting "
                    + request.describe() + " (" + rateLimitWaits + " waits for the rate-limit window"
                    + (wait.compareTo(tuning.maxRateLimitWait()) > 0 ? ", next window in " + wait.toSeconds() + " s"
                    : "") + (detail.isEmpty() ? "" : "; Sentry said: " + detail) + "). Try again later or lower"
                    + " maxConcurrency.", Optional.of(wait), null));
        }

        private void onFailure(Failure failure) {
            tried.add(failure.reason());
            if (!failure.retryable()) {
                fail(new SentryException(ErrorKind.UNAVAILABLE, failure.code(), errors.redact(failure.description()
                        + " (" + request.describe() + ")."), Optional.empty(), null));
                return;
            }
            if (tuning.retryPolicy().mayRetry(attempt)) {
                Duration delay = tuning.retryPolicy().backoff(attempt, ThreadLocalRandom.current()::nextDouble);
                attempt++;
                context.progress().requestRetried(failure.reason());
                context.logger().debug("retrying " + request.endpoint().operation() + " after " + failure.reason()
                        + " in " + delay.toMillis() + " ms");
                timers.schedule(delay, this::start);
                return;
            }
            fail(new SentryException(ErrorKind.UNAVAILABLE, failure.code(), errors.redact(failure.description()
                    + " to " + request.describe() + "; gave up after " + tried.size() + " attempts ("
                    + String.join(", ", tried) + "). Sentry may be down or overloaded: try again later.")));
        }

        private void fail(ConnectorException e) {
            result.completeExceptionally(e);
        }

        private Failure classify(Throwable t) {
            String host = request.apiHost().getHost();
            for (Throwable c = t; c != null; c = c.getCause()) {
                String name = c.getClass().getName();
                if (c instanceof UnknownHostException) {
                    return new Failure(false, "unknown host", "Cannot resolve the host " + host
                            + ": check baseUrl (and DNS or proxy settings)", "host.unreachable");
                }
                if (name.contains("Timeout") || c instanceof java.util.concurrent.TimeoutException) {
                    return new Failure(true, "timeout", "No answer from " + host + " within "
                            + timeoutMillis + " ms", "remote.unavailable");
                }
                if (c instanceof ConnectException) {
                    return new Failure(false, "connection refused", "Cannot connect to "
                            + request.apiHost().getAuthority() + " (" + c.getClass().getSimpleName()
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
    }

    private static Optional<Instant> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(now.plusMillis(Math.round(Double.parseDouble(header.trim()) * 1000)));
        } catch (NumberFormatException e) {
            try {
                return Optional.of(ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
