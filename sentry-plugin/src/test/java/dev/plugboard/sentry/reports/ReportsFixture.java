package dev.plugboard.sentry.reports;

import dev.plugboard.conformance.TestConnectorContext;
import dev.plugboard.sentry.SentryConnectorProvider;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.Row;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A simulator and a Sentry connector opened on it through the public provider, with a host context whose clock
 * the test chooses; runs reports to the end the way a host does and checks every row against the declared columns.
 */
final class ReportsFixture implements AutoCloseable {
    /** The pinned now of exact tests: 30 minutes past the hour the simulator's data is generated at. */
    static final Instant NOW = Instant.parse("2026-03-15T10:30:00Z");

    final SentrySimulator sim;
    final Connector connector;
    final Reports reports;
    final TestConnectorContext context;

    private ReportsFixture(SentrySimulator sim, Clock clock) {
        this.sim = sim;
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("authToken", sim.token());
        values.put("organization", sim.organization());
        values.put("baseUrl", sim.baseUrl());
        this.context = TestConnectorContext.builder().clock(clock).build();
        this.connector = new SentryConnectorProvider().open(new ConnectorConfig("{}", values), context);
        this.reports = connector.reports().orElseThrow();
    }

    /**
     * A simulator and connector sharing the fixed clock {@link #NOW}, without rate limits (a fixed clock never ends
     * a rate-limit window): every window is exact.
     */
    static ReportsFixture pinned(SimulatorOptions.Builder options) {
        SentrySimulator sim = SentrySimulator.start(options.fixedNow(NOW).rateLimits(RateLimitPolicy.disabled())
                .build());
        return new ReportsFixture(sim, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A simulator and connector sharing a clock the test moves, without rate limits. */
    static ReportsFixture manual(SimulatorOptions.Builder options, Clock clock) {
        SentrySimulator sim = SentrySimulator.start(options.clock(clock).rateLimits(RateLimitPolicy.disabled())
                .build());
        return new ReportsFixture(sim, clock);
    }

    /** A simulator with SaaS rate limits and a connector sharing a clock the test moves. */
    static ReportsFixture manualWithLimits(SimulatorOptions.Builder options, Clock clock) {
        SentrySimulator sim = SentrySimulator.start(options.clock(clock).rateLimits(RateLimitPolicy.saas()).build());
        return new ReportsFixture(sim, clock);
    }

    /** A simulator with SaaS rate limits and the system clock on both sides. */
    static ReportsFixture live(SimulatorOptions.Builder options) {
        SentrySimulator sim = SentrySimulator.start(options.build());
        return new ReportsFixture(sim, Clock.systemUTC());
    }

    /** @return the data's now (the hour the simulator generated its data at) */
    Instant dataNow() {
        return sim.options().dataNow();
    }

    ReportDefinition definition(String id) {
        return reports.definitions().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    /** The result of running a report to its last page. */
    record Run(List<Row> rows, List<Page<Row>> pages, List<String> tokens) {
        List<Object> column(String name) {
            return rows.stream().map(r -> r.get(name)).toList();
        }
    }

    /** Runs a report to its last page, checking every row against the declared columns. */
    Run run(String report, Map<String, Object> params) {
        ReportDefinition def = definition(report);
        List<Row> rows = new ArrayList<>();
        List<Page<Row>> pages = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Page<Row> page = reports.run(report, params, token).toCompletableFuture().join();
            pages.add(page);
            page.items().forEach(r -> checkRow(def, r));
            rows.addAll(page.items());
            token = page.nextToken();
            token.ifPresent(tokens::add);
            assertTrue(pages.size() < 10_000, "page tokens terminate");
        } while (token.isPresent());
        return new Run(rows, pages, tokens);
    }

    /** Runs a report that must fail, and returns the failure. */
    ConnectorException failure(String report, Map<String, Object> params) {
        return failure(report, params, Optional.empty());
    }

    ConnectorException failure(String report, Map<String, Object> params, Optional<String> token) {
        try {
            reports.run(report, params, token).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ConnectorException ce) {
                return ce;
            }
            throw e;
        }
        return fail("report " + report + " with " + params + " should have failed");
    }

    /** Every row has exactly the declared columns, in order, each value of its column's type or null. */
    static void checkRow(ReportDefinition def, Row row) {
        List<String> names = def.columns().stream().map(Column::name).toList();
        assertEquals(names, List.copyOf(row.values().keySet()), "columns of a row of " + def.id());
        for (Column c : def.columns()) {
            Object v = row.get(c.name());
            if (v != null && !c.type().accepts(v)) {
                fail(def.id() + "." + c.name() + " is " + c.type() + " but holds " + v.getClass().getSimpleName()
                        + " " + v);
            }
        }
    }

    /** Requests the simulator saw for one route, e.g. {@code GET /api/0/organizations/{org}/projects/}. */
    long served(String route) {
        return sim.stats().count(route);
    }

    static long pages(long items) {
        return Math.max(1, (items + 99) / 100);
    }

    static Instant day(Instant now, int daysBack) {
        return now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(daysBack));
    }

    @Override
    public void close() {
        connector.close();
        sim.close();
    }
}
