package dev.plugboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Limits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestConnectorContextTest {

    @Test
    void recordsWhatTheConnectorReportsInOrder() {
        TestConnectorContext context = TestConnectorContext.create();
        context.logger().info("listing users");
        context.logger().warn("slow answer");
        context.logger().debug("page 2");
        context.progress().requestCompleted("GET /users");
        context.progress().requestCompleted("GET /users");
        context.progress().requestCompleted("GET /groups");
        context.progress().requestRetried("429");
        context.progress().status("2 of 3 pages");

        assertThat(context.logLines()).containsExactly("INFO listing users", "WARN slow answer", "DEBUG page 2");
        assertThat(context.requests("GET /users")).isEqualTo(2);
        assertThat(context.requests("GET /nothing")).isZero();
        assertThat(context.totalRequests()).isEqualTo(3);
        assertThat(context.requestsByOperation()).containsExactly(Map.entry("GET /groups", 1),
                Map.entry("GET /users", 2));
        assertThat(context.retries()).containsExactly("429");
        assertThat(context.statuses()).containsExactly("2 of 3 pages");
    }

    @Test
    void defaultsAreTheSystemClockAndEightCallsOfTenSeconds() {
        TestConnectorContext context = TestConnectorContext.create();
        assertThat(context.limits()).isEqualTo(new Limits(8, Duration.ofSeconds(10)));
        assertThat(context.clock().getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(context.cancellation().isCancelled()).isFalse();
    }

    @Test
    void theTestChoosesClockAndLimits() {
        Clock fixed = Clock.fixed(Instant.parse("2026-03-15T10:30:00Z"), ZoneOffset.UTC);
        TestConnectorContext context = TestConnectorContext.builder().clock(fixed).maxConcurrency(2).build();
        assertThat(context.clock().instant()).isEqualTo(Instant.parse("2026-03-15T10:30:00Z"));
        assertThat(context.limits()).isEqualTo(new Limits(2, Duration.ofSeconds(10)));
        assertThatThrownBy(() -> TestConnectorContext.builder().maxConcurrency(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrency must be at least 1, got 0");
    }

    @Test
    void cancelIsSeenByTheConnector() {
        TestConnectorContext context = TestConnectorContext.create();
        context.cancel();
        assertThat(context.cancellation().isCancelled()).isTrue();
        assertThatThrownBy(() -> context.cancellation().throwIfCancelled())
                .isInstanceOf(ConnectorException.class)
                .satisfies(e -> assertThat(((ConnectorException) e).kind()).isEqualTo(ErrorKind.CANCELLED));
    }

    @Test
    void recordsAreSnapshots() {
        TestConnectorContext context = TestConnectorContext.create();
        List<String> before = context.retries();
        context.progress().requestRetried("HTTP 503");
        assertThat(before).isEmpty();
        assertThat(context.retries()).containsExactly("HTTP 503");
    }
}
