package dev.plugboard.sentry.http;

import dev.plugboard.spi.Cancellation;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitPacerTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** A clock the test moves and timers the test fires. */
    private static final class Manual extends Clock implements RateLimitPacer.Timers {
        Instant now = T0;
        final List<Runnable> timers = new ArrayList<>();

        @Override
        public void schedule(Duration delay, Runnable task) {
            timers.add(task);
        }

        void advanceAndFire(Duration d) {
            now = now.plus(d);
            List<Runnable> due = new ArrayList<>(timers);
            timers.clear();
            due.forEach(Runnable::run);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Manual manual = new Manual();

    private RateLimitPacer pacer(int max) {
        return new RateLimitPacer(max, manual, manual, Duration.ofMillis(100), Cancellation.never());
    }

    private static RateLimitPacer.Headers window(int limit, int remaining, Instant reset) {
        return new RateLimitPacer.Headers(OptionalInt.of(limit), OptionalInt.of(remaining), Optional.of(reset),
                OptionalInt.empty(), OptionalInt.empty());
    }

    private static RateLimitPacer.Permit got(CompletableFuture<RateLimitPacer.Permit> f) {
        assertTrue(f.isDone(), "expected a permit");
        return f.join();
    }

    private static CompletableFuture<RateLimitPacer.Permit> ask(RateLimitPacer p, String endpoint) {
        return p.acquire(endpoint).toCompletableFuture();
    }

    @Test
    void anUnknownEndpointGetsOneProbeThenItsRemainingBudget() {
        RateLimitPacer p = pacer(8);
        var a = ask(p, "GET /x/");
        var b = ask(p, "GET /x/");
        assertTrue(a.isDone());
        assertFalse(b.isDone(), "second request waits until the first tells the limits");
        var more = new ArrayList<CompletableFuture<RateLimitPacer.Permit>>();
        for (int i = 0; i < 5; i++) {
            more.add(ask(p, "GET /x/"));
        }
        got(a).release(window(40, 3, T0.plusSeconds(1)));
        // remaining 3: three may go (b and two more), the rest wait
        assertTrue(b.isDone());
        assertEquals(List.of(true, true, false, false, false), more.stream().map(CompletableFuture::isDone).toList());
        assertEquals(3, p.inFlight());
    }

    @Test
    void anExhaustedWindowWaitsForItsResetPlusMargin() {
        RateLimitPacer p = pacer(8);
        got(ask(p, "GET /x/")).release(window(2, 0, T0.plusSeconds(1)));
        var next = ask(p, "GET /x/");
        assertFalse(next.isDone());
        manual.advanceAndFire(Duration.ofMillis(1050));
        assertFalse(next.isDone(), "still inside the margin");
        manual.advanceAndFire(Duration.ofMillis(60));
        assertTrue(next.isDone(), "a fresh window opens after reset + margin");
    }

    @Test
    void aStaleAnswerFromAnEarlierWindowDoesNotRefillTheBudget() {
        RateLimitPacer p = pacer(8);
        var first = got(ask(p, "GET /x/"));
        first.release(window(10, 5, T0.plusSeconds(1)));
        var a = got(ask(p, "GET /x/"));
        var b = got(ask(p, "GET /x/"));
        b.release(window(10, 1, T0.plusSeconds(1)));
        a.release(window(10, 2, T0.plusSeconds(1)));
        var c = got(ask(p, "GET /x/"));
        var d = ask(p, "GET /x/");
        assertFalse(d.isDone(), "min(remaining) = 1 within one window, and it is in flight");
        c.release(window(10, 0, T0.plusSeconds(1)));
        assertFalse(d.isDone());
    }

    @Test
    void concurrencyIsCappedPerEndpointAndOverall() {
        RateLimitPacer p = pacer(3);
        got(ask(p, "GET /x/")).release(new RateLimitPacer.Headers(OptionalInt.of(40), OptionalInt.of(39),
                Optional.of(T0.plusSeconds(60)), OptionalInt.of(2), OptionalInt.of(1)));
        var x1 = ask(p, "GET /x/");
        var x2 = ask(p, "GET /x/");
        var x3 = ask(p, "GET /x/");
        assertTrue(x1.isDone());
        assertTrue(x2.isDone());
        assertFalse(x3.isDone(), "endpoint concurrency limit is 2");
        var y = ask(p, "GET /y/");
        assertTrue(y.isDone(), "another endpoint is not held back by a waiting one");
        var z = ask(p, "GET /z/");
        assertFalse(z.isDone(), "overall limit is 3");
        got(y).release(RateLimitPacer.Headers.NONE);
        assertTrue(z.isDone());
        assertFalse(x3.isDone());
        got(x1).release(RateLimitPacer.Headers.NONE);
        assertTrue(x3.isDone());
    }

    @Test
    void a429HoldsTheEndpointUntilItsRetryTime() {
        RateLimitPacer p = pacer(8);
        got(ask(p, "GET /x/")).rateLimited(RateLimitPacer.Headers.NONE, T0.plusSeconds(2));
        var next = ask(p, "GET /x/");
        assertFalse(next.isDone());
        manual.advanceAndFire(Duration.ofSeconds(1));
        assertFalse(next.isDone());
        manual.advanceAndFire(Duration.ofSeconds(1));
        assertTrue(next.isDone());
    }

    @Test
    void anEndpointAnsweringWithoutRateLimitHeadersMayUseTheWholeConcurrency() {
        RateLimitPacer p = pacer(3);
        var probe = got(ask(p, "GET /x/"));
        var waiting = new ArrayList<CompletableFuture<RateLimitPacer.Permit>>();
        for (int i = 0; i < 4; i++) {
            waiting.add(ask(p, "GET /x/"));
        }
        assertFalse(waiting.get(0).isDone(), "nothing known yet: one request at a time");
        probe.release(RateLimitPacer.Headers.NONE);
        assertEquals(List.of(true, true, true, false), waiting.stream().map(CompletableFuture::isDone).toList());
        assertEquals(3, p.inFlight());
    }

    @Test
    void aFailedRequestOrAHeaderless429TeachesNoUnlimitedBudget() {
        RateLimitPacer p = pacer(3);
        got(ask(p, "GET /x/")).abandon();
        var a = got(ask(p, "GET /x/"));
        assertFalse(ask(p, "GET /x/").isDone(), "a transport failure says nothing about the limits");

        RateLimitPacer q = pacer(3);
        got(ask(q, "GET /y/")).release(RateLimitPacer.Headers.NONE);
        got(ask(q, "GET /y/")).rateLimited(RateLimitPacer.Headers.NONE, T0.plusSeconds(1));
        manual.advanceAndFire(Duration.ofSeconds(1));
        var b = ask(q, "GET /y/");
        var c = ask(q, "GET /y/");
        assertTrue(b.isDone());
        assertFalse(c.isDone(), "rate-limited after all: one at a time again");
        a.abandon();
    }

    @Test
    void closingFailsWaitingRequests() {
        RateLimitPacer p = pacer(1);
        got(ask(p, "GET /x/"));
        var waiting = ask(p, "GET /y/");
        p.close();
        CompletionException e = assertThrows(CompletionException.class, waiting::join);
        assertEquals(ErrorKind.CANCELLED, ((ConnectorException) e.getCause()).kind());
    }
}
