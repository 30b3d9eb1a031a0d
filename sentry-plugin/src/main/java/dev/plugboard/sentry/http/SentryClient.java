package dev.plugboard.sentry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way the plugin talks to Sentry: a request that is paced ({@link RateLimitPacer}), retried
 * ({@link RetryPolicy}, and waits for the window on 429), counted ({@code progress().requestCompleted}) and
 * turned into an answer or into a {@link SentryException} that says what was tried. {@link #get} (identity sync,
 * check, reports) also reads the JSON body and maps 4xx; {@link #exchange} (provisioning) hands every 2xx and 4xx
 * back raw. Both go through one {@link Attempt}, which differs only in whether a failure after the request may
 * have reached Sentry (a 5xx, a lost answer) is retried: not for a POST, which may have taken effect.
 *
 * <p>{@link #close()} fails every call not yet complete, and every later one, with CANCELLED.
 */
public final class SentryClient {
    private final WebClient web;
    private final RateLimitPacer pacer;
    private final RateLimitPacer.Timers timers;
    private final ConnectorContext context;
    private final Tuning tuning;
    private final SentryErrors errors;
    private final ObjectMapper json;
    private final String authorization;
    private final long timeoutMillis;
    private final long maxResponseBytes;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param web              the web client
     * @param pacer            decides when each request may go
     * @param timers           the event loop's timers
     * @param context          the host's context (clock, cancellation, progress, logger)
     * @param tuning           retry and waiting bounds
     * @param errors           maps Sentry's refusals
     * @param json             reads bodies
     * @param token            the auth token
     * @param timeout          how long one request may take
     * @param maxResponseBytes the largest body read, after decompression; larger answers fail the call
     */
    public SentryClient(WebClient web, RateLimitPacer pacer, RateLimitPacer.Timers timers, ConnectorContext context,
                        Tuning tuning, SentryErrors errors, ObjectMapper json, String token, Duration timeout,
                        long maxResponseBytes) {
        this.web = web;
        this.pacer = pacer;
        this.timers = timers;
        this.context = context;
        this.tuning = tuning;
        this.errors = errors;
        this.json = json;
        this.authorization = "Bearer " + token;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
        this.maxResponseBytes = maxResponseBytes;
    }

    /** @return the failure of every call cut short by {@link #close()} */
    public static ConnectorException closedException() {
        return new ConnectorException(ErrorKind.CANCELLED, "the connector was closed");
    }

    /**
     * Fails every call not yet complete (waiting for a permit, in backoff, or in flight) with CANCELLED, at once;
     * later calls fail the same way without a request. Call it before the event loop that runs the timers stops:
     * a retry's timer dropped by that loop would otherwise leave its call incomplete forever.
     */
    public void close() {
        closed = true;
        List<CompletableFuture<?>> cut = new ArrayList<>(pending);
        pending.clear();
        for (CompletableFuture<?> f : cut) {
            f.completeExceptionally(closedException());
        }
    }

    /**
     * Fails every call not yet complete with INTERNAL naming the error: called when the event loop met an
     * {@link Error} (out of memory, say) outside a call, so that the command ends instead of waiting for answers
     * that will never come.
     *
     * @param error what happened
     */
    public void fatal(Throwable error) {
        List<CompletableFuture<?>> cut = new ArrayList<>(pending);
        pending.clear();
        for (CompletableFuture<?> f : cut) {
            f.completeExceptionally(Failures.fatal(error, "the connector's event loop"));
        }
    }

    /**
     * Sends one GET whose answer must be 2xx JSON, with retries.
     *
     * @param apiHost the host, without {@code /api/0}
     * @param request what to ask
     * @param cursor  the page cursor, if not the first page
     * @return the answer, or a failure of kind AUTHENTICATION, PERMISSION, NOT_FOUND, INVALID_REQUEST, CONFIG,
     *     RATE_LIMITED, UNAVAILABLE or CANCELLED
     */
    public CompletionStage<SentryResponse> get(URI apiHost, SentryRequest request, Optional<String> cursor) {
        return new Attempt<SentryResponse>(apiHost, request, cursor, (status, response, body) -> {
            if (status < 200 || status >= 300) {
                throw errors.forStatus(status, body, request, apiHost);
            }
            JsonNode node = readJson(body);
            if (node.isMissingNode()) {
                throw new Retry(new Failure(true, "malformed JSON", "Sentry answered " + status + " with a"
                        + " body that is not valid JSON (" + body.length() + " characters)",
                        "remote.malformed-response"));
            }
            return new SentryResponse(status, body, node, nextCursor(response));
        }).start();
    }

    /**
     * Sends one request of any method, with its JSON body if any (provisioning). Paced, counted and waited on 429
     * like {@link #get}. 5xx and transport failures are retried for GET, PUT and DELETE only: a POST whose answer
     * was lost may have taken effect, so it fails as UNAVAILABLE and says so. A redirect, or a 2xx whose body is
     * not JSON, fails as CONFIG. Every other answer, 4xx included, is handed back for the caller to interpret.
     *
     * @param apiHost the host, without {@code /api/0}
     * @param request what to send
     * @param cursor  the page cursor, if not the first page
     * @return the answer
     */
    public CompletionStage<SentryResponse> exchange(URI apiHost, SentryRequest request, Optional<String> cursor) {
        return new Attempt<SentryResponse>(apiHost, request, cursor, (status, response, body) ->
                new SentryResponse(status, body, readJson(body), nextCursor(response))).start();
    }

    private JsonNode readJson(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static Optional<String> nextCursor(HttpResponse<Buffer> response) {
        return LinkHeader.nextCursor(Optional.ofNullable(response.getHeader("Link")));
    }

    /** What a failed attempt means. */
    record Failure(boolean retryable, String reason, String description, String code) {
    }

    /** Thrown by a {@link Reader} for an answer worth asking again (a malformed body). */
    private static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Failure failure;

        Retry(Failure failure) {
            super(failure.description(), null, false, false);
            this.failure = failure;
        }
    }

    /** Reads a final answer (2xx or 4xx other than 429). */
    private interface Reader<T> {
        /**
         * @return the value; throws a {@link ConnectorException} to fail the call, or {@link Retry} to try again
         */
        T read(int status, HttpResponse<Buffer> response, String body);
    }

    /** One call: its tries, waits and retries. */
    private final class Attempt<T> {
        private final HttpMethod method;
        private final URI apiHost;
        private final String url;
        private final String describe;
        private final Optional<String> jsonBody;
        private final String operation;
        private final Reader<T> reader;
        /** Whether a failure after the request may have reached Sentry is retried: not for a POST. */
        private final boolean idempotent;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private final List<String> tried = new ArrayList<>();
        private int attempt = 1;
        private int rateLimitWaits;
        /** The time this call has spent waiting (backoff and rate-limit windows), bounded by the call budget. */
        private Duration waited = Duration.ZERO;

        Attempt(URI apiHost, SentryRequest request, Optional<String> cursor, Reader<T> reader) {
            this.method = HttpMethod.valueOf(request.method());
            this.apiHost = apiHost;
            this.url = request.url(apiHost, cursor);
            this.describe = request.describe(apiHost);
            this.jsonBody = request.jsonBody();
            this.operation = request.endpoint().operation();
            this.reader = reader;
            this.idempotent = method != HttpMethod.POST;
        }

        CompletionStage<T> start() {
            pending.add(result);
            result.whenComplete((v, e) -> pending.remove(result));
            if (closed) {
                // close() may have run before the add: never leave a call behind it.
                result.completeExceptionally(closedException());
            } else {
                next();
            }
            return result;
        }

        private void next() {
            if (result.isDone()) {
                return;
            }
            if (closed) {
                result.completeExceptionally(closedException());
                return;
            }
            if (context.cancellation().isCancelled()) {
                result.completeExceptionally(new ConnectorException(ErrorKind.CANCELLED, "the operation was cancelled"));
                return;
            }
            pacer.acquire(operation).whenComplete((permit, err) -> {
                if (err != null) {
                    result.completeExceptionally(closed ? closedException() : unwrap(err));
                    return;
                }
                if (result.isDone()) {
                    permit.abandon();
                    return;
                }
                try {
                    send(permit);
                } catch (RuntimeException e) {
                    permit.abandon();
                    result.completeExceptionally(new SentryException(ErrorKind.INTERNAL, "internal", errors.redact(
                            "could not send " + describe + ": " + e), Optional.empty(), null));
                }
            });
        }

        private void send(RateLimitPacer.Permit permit) {
            var req = web.requestAbs(method, url)
                    .putHeader("Authorization", authorization)
                    .putHeader("Accept", "application/json")
                    .timeout(timeoutMillis)
                    .as(CappedBody.codec(maxResponseBytes));
            var sent = jsonBody.isPresent()
                    ? req.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(jsonBody.get()))
                    : req.send();
            sent.onComplete(ar -> {
                try {
                    context.progress().requestCompleted(operation);
                    if (ar.succeeded()) {
                        onResponse(permit, ar.result());
                    } else {
                        permit.abandon();
                        Optional<Error> error = Failures.error(ar.cause());
                        if (error.isPresent()) {
                            // Never retried: an out-of-memory error would repeat on every attempt.
                            fail(Failures.fatal(error.get(), describe));
                            return;
                        }
                        onFailure(Failures.classify(ar.cause(), apiHost, timeoutMillis, maxResponseBytes));
                    }
                } catch (RuntimeException e) {
                    permit.abandon();
                    result.completeExceptionally(new SentryException(ErrorKind.INTERNAL, "internal", errors.redact(
                            "bug while handling the answer to " + describe + ": " + e), Optional.empty(), null));
                } catch (Error e) {
                    permit.abandon();
                    fail(Failures.fatal(e, describe));
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
            if (status >= 500 && headers.isEmpty()) {
                // A bare 5xx (a proxy's, say) tells nothing about Sentry's limits.
                permit.abandon();
            } else {
                permit.release(headers);
            }
            String body = response.body() == null ? "" : response.bodyAsString();
            if (status >= 500) {
                String id = errors.errorId(body).map(i -> ", errorId " + i).orElse("");
                onFailure(new Failure(true, "HTTP " + status, "Sentry answered " + status + id,
                        "remote.unavailable"));
                return;
            }
            if (status >= 300 && status < 400) {
                String location = Optional.ofNullable(response.getHeader("Location")).map(errors::redact)
                        .map(l -> " to " + l).orElse("");
                fail(new SentryException(ErrorKind.CONFIG, "config.redirect", "Sentry answered " + describe
                        + " with a redirect (" + status + location + "); the connector does not follow redirects"
                        + " with the token: set baseUrl to the final API host."));
                return;
            }
            if (status >= 200 && status < 300 && !body.isEmpty()) {
                Optional<String> notJson = Failures.notJson(response.getHeader("Content-Type"));
                if (notJson.isPresent()) {
                    int q = url.indexOf('?');
                    fail(new SentryException(ErrorKind.CONFIG, "config.not-sentry", errors.redact(
                            (q >= 0 ? url.substring(0, q) : url) + " answered " + status + " with " + notJson.get()
                                    + ", not JSON: check baseUrl (it should be the Sentry URL, e.g."
                                    + " https://sentry.io)")));
                    return;
                }
            }
            T value;
            try {
                value = reader.read(status, response, body);
            } catch (Retry r) {
                onFailure(r.failure);
                return;
            } catch (ConnectorException e) {
                fail(e);
                return;
            }
            result.complete(value);
        }

        private void onRateLimited(RateLimitPacer.Permit permit, HttpResponse<Buffer> response,
                                   RateLimitPacer.Headers headers) {
            Instant now = context.clock().instant();
            // Absurd times (1e308, Infinity, negative, garbage) count as not said; a reset further than Sentry's
            // longest window is a clock ahead of ours: every wait below is bounded.
            Optional<Instant> retryAfter = Waits.retryAfter(response.getHeader("Retry-After"), now);
            boolean windowSpent = headers.remaining().isEmpty() || headers.remaining().getAsInt() == 0;
            Instant until = retryAfter
                    .or(() -> windowSpent ? headers.reset().map(r -> Waits.credibleReset(r, now, tuning.longestWindow())
                            .plus(tuning.resetMargin())) : Optional.empty())
                    .filter(u -> u.isAfter(now))
                    // No time, or a time already past (our clock ahead of Sentry's): back off as for a 5xx, so
                    // the waits are not all spent at once on a window that is, for Sentry, still closed.
                    .orElseGet(() -> now.plus(tuning.retryPolicy().backoff(rateLimitWaits + 1,
                            ThreadLocalRandom.current()::nextDouble)));
            Duration wait = Duration.between(now, until);
            boolean tooLong = wait.compareTo(tuning.maxRateLimitWait()) > 0;
            boolean overBudget = waited.plus(wait).compareTo(tuning.callBudget()) > 0;
            permit.rateLimited(headers, tooLong ? now.plus(tuning.maxRateLimitWait()) : until);
            tried.add("429");
            if (rateLimitWaits < tuning.rateLimitWaits() && !tooLong && !overBudget) {
                rateLimitWaits++;
                waited = waited.plus(wait);
                context.progress().requestRetried("429");
                announce("Sentry rate-limited " + operation + "; waiting " + Waits.describe(wait)
                        + " for its rate-limit window", wait);
                next();
                return;
            }
            String detail = errors.detail(response.bodyAsString());
            String why = tooLong ? ", next window in " + wait.toSeconds() + " s, more than the "
                    + Waits.describe(tuning.maxRateLimitWait()) + " the connector waits"
                    : overBudget ? ", " + Waits.describe(waited) + " waited, and the connector waits at most "
                    + Waits.describe(tuning.callBudget()) + " for one request" : "";
            fail(new SentryException(ErrorKind.RATE_LIMITED, "remote.rate-limited", "Sentry kept rate-limiting "
                    + describe + " (" + rateLimitWaits + " waits for the rate-limit window" + why
                    + (detail.isEmpty() ? "" : "; Sentry said: " + detail) + "). Try again later or lower"
                    + " maxConcurrency.", Optional.of(wait), null));
        }

        /** Logs a wait: as a warning and a status line when it is long enough for a person to notice. */
        private void announce(String message, Duration wait) {
            if (wait.compareTo(tuning.announceAfter()) > 0) {
                context.logger().warn(message);
                context.progress().status(message);
            } else {
                context.logger().debug(message);
            }
        }

        private void onFailure(Failure failure) {
            if (closed) {
                // The event loop is going away: the failure is the close, not Sentry.
                fail(closedException());
                return;
            }
            tried.add(failure.reason());
            if (!failure.retryable()) {
                fail(new SentryException(ErrorKind.UNAVAILABLE, failure.code(), errors.redact(failure.description()
                        + " (" + describe + ")."), Optional.empty(), null));
                return;
            }
            if (!idempotent) {
                fail(new SentryException(ErrorKind.UNAVAILABLE, failure.code(), errors.redact(failure.description()
                        + " (" + describe + "); not retried, because the " + method.name() + " may have taken"
                        + " effect: check in Sentry, or run the operation again (it is idempotent).")));
                return;
            }
            Duration delay = tuning.retryPolicy().backoff(attempt, ThreadLocalRandom.current()::nextDouble);
            if (tuning.retryPolicy().mayRetry(attempt) && waited.plus(delay).compareTo(tuning.callBudget()) <= 0) {
                attempt++;
                waited = waited.plus(delay);
                context.progress().requestRetried(failure.reason());
                announce("retrying " + operation + " after " + failure.reason() + " in " + Waits.describe(delay),
                        delay);
                timers.schedule(delay, this::next);
                return;
            }
            // The connector owns retries (see ErrorKind): this failure is final for this run, the host does not
            // send the request again.
            fail(new SentryException(ErrorKind.UNAVAILABLE, failure.code(), errors.redact(failure.description()
                    + " to " + describe + "; gave up after " + tried.size() + " attempts ("
                    + String.join(", ", tried) + "), the most the connector makes for one request. Sentry may be"
                    + " down or overloaded: try again later.")));
        }

        private void fail(ConnectorException e) {
            result.completeExceptionally(e);
        }
    }

    /** @return the cause inside completion and execution wrappers */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
