package dev.plugboard.sentry.http;

import dev.plugboard.spi.Cancellation;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Decides when each request may be sent, so that a sync stays within the host's concurrency limit and within
 * Sentry's rate limits without being told off (429).
 *
 * <p>Per endpoint (Sentry counts per caller, endpoint and method in fixed windows) it remembers what the last
 * answers said: {@code X-Sentry-Rate-Limit-Remaining} and {@code -Reset} for the current window, and
 * {@code -ConcurrentLimit}/{@code -ConcurrentRemaining} for requests in flight. A request starts only when
 * <ul>
 *   <li>fewer than {@code maxConcurrency} requests are in flight overall;</li>
 *   <li>the endpoint's in-flight count is below its concurrent limit, less what other clients of the same
 *       token were seen to use;</li>
 *   <li>the window still has room: {@code remaining - inFlight > 0} (requests in flight may not be counted in the
 *       last {@code remaining} yet, so they are subtracted: conservative, never optimistic). Before anything is
 *       known about an endpoint, one request goes alone to learn its limits; an endpoint that answered without
 *       any rate-limit header (self-hosted Sentry has no rate limits) may use the whole {@code maxConcurrency};</li>
 *   <li>no 429 asked to wait.</li>
 * </ul>
 * Otherwise it waits for a request to finish or for the window's reset (plus a small margin for clock skew).
 * Waiting requests of one endpoint never hold back those of another. Every wait is bounded: a window's reset is
 * believed at most a window ({@link Waits#LONGEST_WINDOW} in production) ahead (a server clock ahead of ours, or an absurd reset, waits a
 * window at most), and waits longer than the announce threshold are told to the {@link Notice} (the connector
 * logs them and shows them as status). Thread-safe; timers come from the caller.
 */
public final class RateLimitPacer {
    /** Schedules a task after a delay (the connector's event loop timers). */
    public interface Timers {
        void schedule(Duration delay, Runnable task);
    }

    /** Told when requests to an endpoint must wait for its rate-limit window longer than the announce threshold. */
    public interface Notice {
        /**
         * @param endpoint the endpoint's operation name
         * @param wait     how long its requests wait
         */
        void waiting(String endpoint, Duration wait);
    }

    /** What one response's rate-limit headers said. */
    record Headers(OptionalInt limit, OptionalInt remaining, Optional<Instant> reset, OptionalInt concurrentLimit,
                   OptionalInt concurrentRemaining) {
        static final Headers NONE = new Headers(OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty());

        /** @return whether the answer carried no rate-limit header at all */
        boolean isEmpty() {
            return limit.isEmpty() && remaining.isEmpty() && reset.isEmpty() && concurrentLimit.isEmpty()
                    && concurrentRemaining.isEmpty();
        }

        /**
         * @param header a header lookup (null when absent)
         * @return the parsed headers; unparsable values count as absent
         */
        static Headers from(Function<String, String> header) {
            return new Headers(integer(header.apply("X-Sentry-Rate-Limit-Limit")),
                    integer(header.apply("X-Sentry-Rate-Limit-Remaining")),
                    epochSeconds(header.apply("X-Sentry-Rate-Limit-Reset")),
                    integer(header.apply("X-Sentry-Rate-Limit-ConcurrentLimit")),
                    integer(header.apply("X-Sentry-Rate-Limit-ConcurrentRemaining")));
        }

        private static OptionalInt integer(String v) {
            if (v == null) {
                return OptionalInt.empty();
            }
            try {
                return OptionalInt.of(Math.max(0, (int) Double.parseDouble(v.trim())));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }

        private static Optional<Instant> epochSeconds(String v) {
            return Waits.epochSeconds(v);
        }
    }

    /** The right to send one request; give it back exactly once with what the answer said. */
    final class Permit {
        private final Bucket bucket;
        private boolean returned;

        private Permit(Bucket bucket) {
            this.bucket = bucket;
        }

        /**
         * The request got an answer.
         *
         * @param headers the answer's rate-limit headers; none at all means the endpoint is not rate-limited
         */
        void release(Headers headers) {
            giveBack(headers);
        }

        /** The request got no answer (a transport failure), or one that says nothing about the limits. */
        void abandon() {
            giveBack(null);
        }

        private void giveBack(Headers headers) {
            synchronized (RateLimitPacer.this) {
                if (returned) {
                    return;
                }
                returned = true;
                if (headers != null) {
                    bucket.learn(headers);
                }
                bucket.inFlight--;
                inFlight--;
            }
            pump();
        }

        /**
         * The answer was 429: hold the endpoint until {@code until}, then release.
         *
         * @param headers the answer's headers
         * @param until   when the endpoint may be asked again
         */
        void rateLimited(Headers headers, Instant until) {
            synchronized (RateLimitPacer.this) {
                if (bucket.blockedUntil == null || bucket.blockedUntil.isBefore(until)) {
                    bucket.blockedUntil = until;
                    // The caller tells the person about a 429's wait; the pacer does not say it again.
                    bucket.announced = until;
                }
                if (headers.isEmpty()) {
                    // Limited after all (by something that sends no headers): probe one at a time again.
                    bucket.unlimited = false;
                }
            }
            giveBack(headers.isEmpty() ? null : headers);
        }
    }

    private final class Bucket {
        int inFlight;
        int limit = -1;
        int remaining = -1;
        Instant windowEnd;
        int concurrentCap = -1;
        Instant blockedUntil;
        /** The wait last announced, so that one window is announced once. */
        Instant announced;
        /** The last answer carried no rate-limit header: a self-hosted Sentry, which does not rate-limit. */
        boolean unlimited;

        void learn(Headers h) {
            unlimited = h.isEmpty();
            h.limit().ifPresent(l -> limit = l);
            if (h.reset().isPresent() && h.remaining().isPresent()) {
                // A reset further away than Sentry's longest window is a clock ahead of ours: wait at most a window.
                Instant reset = Waits.credibleReset(h.reset().get(), clock.instant(), longestWindow);
                int rem = h.remaining().getAsInt();
                if (windowEnd == null || reset.isAfter(windowEnd)) {
                    windowEnd = reset;
                    remaining = rem;
                } else if (reset.equals(windowEnd)) {
                    remaining = Math.min(remaining, rem);
                }
            }
            if (h.concurrentLimit().isPresent()) {
                int cl = h.concurrentLimit().getAsInt();
                int others = h.concurrentRemaining().isPresent()
                        ? Math.max(0, cl - h.concurrentRemaining().getAsInt() - inFlight) : 0;
                concurrentCap = Math.max(1, cl - others);
            }
        }

        /** @return null when a request may start now, else when to look again ({@link Instant#MAX}: on release) */
        Instant waitUntil(Instant now) {
            if (blockedUntil != null) {
                if (now.isBefore(blockedUntil)) {
                    return blockedUntil;
                }
                blockedUntil = null;
            }
            if (concurrentCap > 0 && inFlight >= concurrentCap) {
                return Instant.MAX;
            }
            if (windowEnd != null && !now.isBefore(windowEnd.plus(resetMargin))) {
                windowEnd = null;
                remaining = -1;
            }
            int budget = windowEnd != null ? remaining : limit > 0 ? limit : unlimited ? maxConcurrency : 1;
            if (budget - inFlight > 0) {
                return null;
            }
            return windowEnd != null ? windowEnd.plus(resetMargin) : Instant.MAX;
        }
    }

    private record Waiter(String endpoint, CompletableFuture<Permit> future) {
    }

    private final int maxConcurrency;
    private final Clock clock;
    private final Timers timers;
    private final Duration resetMargin;
    private final Cancellation cancellation;
    private final Duration announceAfter;
    private final Duration maxWait;
    private final Duration longestWindow;
    private final Notice notice;
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private final Map<String, Bucket> buckets = new HashMap<>();
    private int inFlight;
    private Instant timerAt;
    private Instant notBefore = Instant.MIN;
    private boolean closed;

    public RateLimitPacer(int maxConcurrency, Clock clock, Timers timers, Duration resetMargin, Cancellation cancellation) {
        this(maxConcurrency, clock, timers, resetMargin, cancellation, Duration.ofDays(1), Duration.ofDays(1),
                Waits.LONGEST_WINDOW, (endpoint, wait) -> {
                });
    }

    /**
     * @param maxConcurrency the most requests in flight
     * @param clock          the host's clock
     * @param timers         the event loop's timers
     * @param resetMargin    how long after a window's end the next request goes
     * @param cancellation   the host's cancellation
     * @param announceAfter  window waits longer than this are told to {@code notice}, once per window
     * @param maxWait        a request that would wait longer than this fails as RATE_LIMITED instead
     * @param longestWindow  a window's reset is believed at most this far ahead
     * @param notice         told about long waits
     */
    public RateLimitPacer(int maxConcurrency, Clock clock, Timers timers, Duration resetMargin, Cancellation cancellation,
                          Duration announceAfter, Duration maxWait, Duration longestWindow, Notice notice) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1");
        }
        this.maxConcurrency = maxConcurrency;
        this.clock = clock;
        this.timers = timers;
        this.resetMargin = resetMargin;
        this.cancellation = cancellation;
        this.announceAfter = announceAfter;
        this.maxWait = maxWait;
        this.longestWindow = longestWindow;
        this.notice = notice;
    }

    /**
     * @param endpoint the endpoint's operation name (its rate-limit bucket)
     * @return a permit once the request may be sent; fails with CANCELLED when the host cancels or the connector closes
     */
    CompletionStage<Permit> acquire(String endpoint) {
        CompletableFuture<Permit> f = new CompletableFuture<>();
        synchronized (this) {
            queue.add(new Waiter(endpoint, f));
        }
        pump();
        return f;
    }

    /** @return how many requests are in flight (for tests) */
    synchronized int inFlight() {
        return inFlight;
    }

    /** Fails every waiting request; later acquisitions fail at once. */
    public void close() {
        List<Waiter> dropped;
        synchronized (this) {
            closed = true;
            dropped = new ArrayList<>(queue);
            queue.clear();
        }
        dropped.forEach(w -> w.future.completeExceptionally(
                new ConnectorException(ErrorKind.CANCELLED, "the connector was closed")));
    }

    private void pump() {
        List<Runnable> actions = new ArrayList<>();
        synchronized (this) {
            if (closed || cancellation.isCancelled()) {
                ConnectorException why = closed
                        ? new ConnectorException(ErrorKind.CANCELLED, "the connector was closed")
                        : new ConnectorException(ErrorKind.CANCELLED, "the operation was cancelled");
                for (Waiter w : queue) {
                    actions.add(() -> w.future.completeExceptionally(why));
                }
                queue.clear();
            } else {
                Instant real = clock.instant();
                Instant now = real.isBefore(notBefore) ? notBefore : real;
                Instant earliest = null;
                Iterator<Waiter> it = queue.iterator();
                while (it.hasNext() && inFlight < maxConcurrency) {
                    Waiter w = it.next();
                    Bucket b = buckets.computeIfAbsent(w.endpoint, k -> new Bucket());
                    Instant wait = b.waitUntil(now);
                    if (wait == null) {
                        it.remove();
                        b.inFlight++;
                        inFlight++;
                        Permit p = new Permit(b);
                        actions.add(() -> {
                            if (!w.future.complete(p)) {
                                p.release(Headers.NONE);
                            }
                        });
                    } else if (!wait.equals(Instant.MAX)) {
                        Duration left = Duration.between(now, wait);
                        if (left.compareTo(maxWait) > 0) {
                            it.remove();
                            ConnectorException tooLong = new ConnectorException(ErrorKind.RATE_LIMITED, "Sentry asked"
                                    + " to wait " + Waits.describe(left) + " before the next request to " + w.endpoint
                                    + ", longer than the " + Waits.describe(maxWait) + " the connector waits: try"
                                    + " again later.", Optional.of(left), null);
                            actions.add(() -> w.future.completeExceptionally(tooLong));
                            continue;
                        }
                        if (earliest == null || wait.isBefore(earliest)) {
                            earliest = wait;
                        }
                        if (left.compareTo(announceAfter) > 0 && !wait.equals(b.announced)) {
                            b.announced = wait;
                            String endpoint = w.endpoint;
                            actions.add(() -> notice.waiting(endpoint, left));
                        }
                    }
                }
                if (earliest != null && (timerAt == null || earliest.isBefore(timerAt))) {
                    Instant target = earliest;
                    timerAt = target;
                    long ms = Math.max(1, Math.min(1000, Duration.between(now, target).toMillis() + 1));
                    boolean reaches = Duration.between(now, target).toMillis() < 1000;
                    actions.add(() -> timers.schedule(Duration.ofMillis(ms), () -> {
                        synchronized (RateLimitPacer.this) {
                            if (target.equals(timerAt)) {
                                timerAt = null;
                            }
                            // A timer that ran to its target means the wait is over even on a coarse or pinned clock.
                            if (reaches && notBefore.isBefore(target)) {
                                notBefore = target;
                            }
                        }
                        pump();
                    }));
                }
            }
        }
        actions.forEach(Runnable::run);
    }
}
