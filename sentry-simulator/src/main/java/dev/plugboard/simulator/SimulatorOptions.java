package dev.plugboard.simulator;

import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How to start a {@link SentrySimulator}: the seed and sizes of the generated organization, the clock, the default
 * token, rate limits, latency and the port. Build with {@link #builder()}.
 */
public record SimulatorOptions(long seed, int members, int teams, int projects, int repositories,
                               int issuesPerProject, int eventsPerIssue, int feedbackPerProject, int usersPerProject,
                               String organizationSlug, String defaultToken, Clock clock, RateLimitPolicy rateLimits,
                               Duration latency, int port, int containerThreads, boolean projectEventsIgnoreDates) {

    /** The default token: an internal-integration-like token with every scope. Obviously fake. */
    public static final String DEFAULT_TOKEN = "sntryi_simulator_default_token_not_a_secret";

    /** Checks every component. */
    public SimulatorOptions {
        nonNegative(members, "members");
        nonNegative(teams, "teams");
        nonNegative(projects, "projects");
        nonNegative(repositories, "repositories");
        nonNegative(issuesPerProject, "issuesPerProject");
        nonNegative(eventsPerIssue, "eventsPerIssue");
        nonNegative(feedbackPerProject, "feedbackPerProject");
        nonNegative(usersPerProject, "usersPerProject");
        if (members < 1) {
            throw new IllegalArgumentException("members must be >= 1 (the organization needs an owner)");
        }
        if (issuesPerProject > 9_999) {
            throw new IllegalArgumentException("issuesPerProject must be < 10000");
        }
        if (!organizationSlug.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("organizationSlug must be a slug: " + organizationSlug);
        }
        if (defaultToken.isBlank()) {
            throw new IllegalArgumentException("defaultToken must not be blank");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(rateLimits, "rateLimits");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (containerThreads < 8) {
            throw new IllegalArgumentException("containerThreads must be >= 8");
        }
    }

    private static void nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0: " + value);
        }
    }

    /** The instant the generated data is relative to: the clock's now, truncated to the hour. */
    public Instant dataNow() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS);
    }

    /** A builder with small defaults: seed 1, 50 members, 10 teams, 20 projects, SaaS rate limits. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.members = members;
        b.teams = teams;
        b.projects = projects;
        b.repositories = repositories;
        b.issuesPerProject = issuesPerProject;
        b.eventsPerIssue = eventsPerIssue;
        b.feedbackPerProject = feedbackPerProject;
        b.usersPerProject = usersPerProject;
        b.organizationSlug = organizationSlug;
        b.defaultToken = defaultToken;
        b.clock = clock;
        b.rateLimits = rateLimits;
        b.latency = latency;
        b.port = port;
        b.containerThreads = containerThreads;
        b.projectEventsIgnoreDates = projectEventsIgnoreDates;
        return b;
    }

    /** Builds {@link SimulatorOptions}. */
    public static final class Builder {
        private long seed = 1;
        private int members = 50;
        private int teams = 10;
        private int projects = 20;
        private int repositories = -1;
        private int issuesPerProject = 5;
        private int eventsPerIssue = 3;
        private int feedbackPerProject = 2;
        private int usersPerProject = 5;
        private String organizationSlug = "sim-org";
        private String defaultToken = DEFAULT_TOKEN;
        private Clock clock = Clock.systemUTC();
        private RateLimitPolicy rateLimits = RateLimitPolicy.saas();
        private Duration latency = Duration.ZERO;
        private int port = 0;
        private int containerThreads = 64;
        private boolean projectEventsIgnoreDates;

        private Builder() {
        }

        /** The seed of the generated data. */
        public Builder seed(long value) { this.seed = value; return this; }

        /** Number of organization members (including invites). */
        public Builder members(int value) { this.members = value; return this; }

        /** Number of teams. */
        public Builder teams(int value) { this.teams = value; return this; }

        /** Number of projects. */
        public Builder projects(int value) { this.projects = value; return this; }

        /** Number of repositories (default: 2 + projects / 10). */
        public Builder repositories(int value) { this.repositories = value; return this; }

        /** Issues per project (default 5). */
        public Builder issuesPerProject(int value) { this.issuesPerProject = value; return this; }

        /** Events per issue (default 3). */
        public Builder eventsPerIssue(int value) { this.eventsPerIssue = value; return this; }

        /** Feedback reports per project (default 2). */
        public Builder feedbackPerProject(int value) { this.feedbackPerProject = value; return this; }

        /** End users per project (default 5). */
        public Builder usersPerProject(int value) { this.usersPerProject = value; return this; }

        /** The organization slug (default {@code sim-org}). */
        public Builder organizationSlug(String value) { this.organizationSlug = value; return this; }

        /** The default full-scope integration token. */
        public Builder defaultToken(String value) { this.defaultToken = value; return this; }

        /** The clock: "now" for generated data (truncated to the hour), rate-limit windows and date filters. */
        public Builder clock(Clock value) { this.clock = value; return this; }

        /** Pins "now" to a fixed instant. */
        public Builder fixedNow(Instant now) { this.clock = Clock.fixed(now, java.time.ZoneOffset.UTC); return this; }

        /** Rate limits ({@link RateLimitPolicy#saas()} by default, {@link RateLimitPolicy#disabled()} for self-hosted). */
        public Builder rateLimits(RateLimitPolicy value) { this.rateLimits = value; return this; }

        /** Latency added to every API response. */
        public Builder latency(Duration value) { this.latency = value; return this; }

        /** The port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int value) { this.port = value; return this; }

        /** Jetty request threads (default 64, enough for more than 25 concurrent requests). */
        public Builder containerThreads(int value) { this.containerThreads = value; return this; }

        /**
         * Makes project events ignore {@code start}, {@code end} and {@code statsPeriod} and page the whole
         * retention, as self-hosted servers from before mid-2025 do (getsentry/sentry
         * {@code src/sentry/api/endpoints/project_events.py} of those versions reads no date parameter).
         */
        public Builder projectEventsIgnoreDates(boolean value) { this.projectEventsIgnoreDates = value; return this; }

        /** The options. */
        public SimulatorOptions build() {
            int repos = repositories >= 0 ? repositories : 2 + projects / 10;
            return new SimulatorOptions(seed, members, teams, projects, repos, issuesPerProject, eventsPerIssue,
                    feedbackPerProject, usersPerProject, organizationSlug, defaultToken, clock, rateLimits, latency,
                    port, containerThreads, projectEventsIgnoreDates);
        }
    }
}
