package dev.plugboard.host.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.host.runtime.Delayer;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.runtime.RetryPolicy;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SyncRetryTest {
    private static final String CALL = "grants team:7 -";
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final Delayer recordingDelayer = d -> {
        waits.add(d);
        return CompletableFuture.completedFuture(null);
    };
    private final SyncStats stats = new SyncStats();
    private final Retrier retrier = new Retrier(RetryPolicy.defaults(), recordingDelayer, () -> 0.5, stats);

    /** Fails {@link #CALL} with the given exceptions in turn, then answers. */
    private static FakeResourceSync failing(List<Supplier<RuntimeException>> failures) {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        return FakeResourceSync.small().failures(call -> {
            if (!call.equals(CALL)) {
                return Optional.empty();
            }
            int n = attempts.computeIfAbsent(call, c -> new AtomicInteger()).getAndIncrement();
            return n < failures.size() ? Optional.of(failures.get(n).get()) : Optional.empty();
        });
    }

    private String sync(FakeResourceSync plugin) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyncJob("fake", Map.of(), plugin, SyncOptions.of(3), retrier, stats, SyncListener.none(), System::nanoTime)
                .toStream(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long attemptsOf(FakeResourceSync plugin) {
        return plugin.calls().stream().filter(CALL::equals).count();
    }

    @Test
    void unavailableIsRetriedWithExponentialBackoffAndJitterThenSucceeds() throws IOException {
        ConnectorException down = new ConnectorException(ErrorKind.UNAVAILABLE, "upstream down");
        FakeResourceSync plugin = failing(List.of(() -> down, () -> down));

        String out = sync(plugin);

        assertThat(attemptsOf(plugin)).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500));
        assertThat(SyncTesting.withoutDuration(out)).isEqualTo(SyncEngineTest.SMALL_SYNC.replace(
                "\"calls\":22,\"requests\":0,\"retries\":0", "\"calls\":22,\"requests\":0,\"retries\":2"));
    }

    @Test
    void rateLimitedWaitsAsLongAsTheRemoteAsked() throws IOException {
        FakeResourceSync plugin = failing(List.of(() -> new ConnectorException(ErrorKind.RATE_LIMITED, "slow down",
                Optional.of(Duration.ofSeconds(7)), null)));

        sync(plugin);

        assertThat(attemptsOf(plugin)).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofMillis(7500));
        assertThat(stats.retries()).isEqualTo(1);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheKindAndMessageOfTheLastFailure() {
        ConnectorException down = new ConnectorException(ErrorKind.UNAVAILABLE, "upstream down");
        FakeResourceSync plugin = failing(Collections.nCopies(10, () -> down));

        assertThatThrownBy(() -> sync(plugin))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                .hasMessage("plugin fake failed listing grants of team:7: upstream down (gave up after 5 attempts)");
        assertThat(attemptsOf(plugin)).isEqualTo(5);
        assertThat(waits).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500), Duration.ofMillis(3000),
                Duration.ofMillis(6000));
    }

    @Test
    void otherKindsFailAtOnceWithThePluginsMessage() {
        FakeResourceSync plugin = failing(List.of(() -> new ConnectorException(ErrorKind.PERMISSION,
                "the token lacks the team:read scope; add it to the token")));

        assertThatThrownBy(() -> sync(plugin))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION))
                .hasMessage("plugin fake failed listing grants of team:7: the token lacks the team:read scope;"
                        + " add it to the token");
        assertThat(attemptsOf(plugin)).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void backoffIsCappedAndRetryAfterIsCapped() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(60));

        assertThat(p.delay(1, Optional.empty(), 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.delay(1, Optional.empty(), 1)).isEqualTo(Duration.ofMillis(1000));
        assertThat(p.delay(3, Optional.empty(), 0)).isEqualTo(Duration.ofMillis(2000));
        assertThat(p.delay(9, Optional.empty(), 0.999999)).isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(p.delay(9, Optional.empty(), 0)).isEqualTo(Duration.ofMillis(2500));
        assertThat(p.delay(1, Optional.of(Duration.ofHours(1)), 0)).isEqualTo(Duration.ofSeconds(60));
    }
}
