package dev.plugboard.simulator;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.plugboard.simulator.api.ApiContext;
import dev.plugboard.simulator.api.SentryApi;
import dev.plugboard.simulator.api.Views;
import dev.plugboard.simulator.auth.ApiToken;
import dev.plugboard.simulator.auth.TokenKind;
import dev.plugboard.simulator.auth.TokenRegistry;
import dev.plugboard.simulator.faults.Faults;
import dev.plugboard.simulator.http.Paginator;
import dev.plugboard.simulator.model.DataGrowth;
import dev.plugboard.simulator.model.OrgChurn;
import dev.plugboard.simulator.model.OrgGenerator;
import dev.plugboard.simulator.model.OrgSnapshot;
import dev.plugboard.simulator.model.OrgState;
import dev.plugboard.simulator.model.ProjectData;
import dev.plugboard.simulator.model.ProjectDataGenerator;
import dev.plugboard.simulator.model.UsageSeries;
import dev.plugboard.simulator.stats.RequestCounters;
import dev.plugboard.simulator.stats.RequestStats;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A local Sentry Web API on 127.0.0.1 serving a generated organization. Start with
 * {@link #start(SimulatorOptions)}, point a client at {@link #baseUrl()} with {@link #token()}, compare its output
 * with {@link #org()}, and {@link #close()} it.
 */
public final class SentrySimulator implements AutoCloseable {
    private final SimulatorOptions options;
    private final WireMockServer server;
    private final OrgState state;
    private final TokenRegistry tokens = new TokenRegistry();
    private final Faults faults = new Faults();
    private final RequestCounters counters = new RequestCounters();
    private final String baseUrl;
    private final SimulatorEngine engine;
    private final OrgChanges changes;

    private SentrySimulator(SimulatorOptions options) {
        this.options = options;
        Instant now = options.dataNow();
        OrgGenerator.Generated generated = OrgGenerator.generate(options.seed(), options.organizationSlug(),
                options.members(), options.teams(), options.projects(), options.repositories(), now);
        this.state = new OrgState(generated, (project, index) -> ProjectDataGenerator.generate(options.seed(),
                project, index, options.organizationSlug(), now, options.issuesPerProject(),
                options.eventsPerIssue(), options.feedbackPerProject(), options.usersPerProject()));
        ApiToken defaultToken = TokenKind.of(options.defaultToken()) == TokenKind.ORG_AUTH
                ? ApiToken.orgAuth(options.defaultToken(), options.organizationSlug())
                : ApiToken.fullScope(options.defaultToken()).limitedTo(options.organizationSlug());
        tokens.add(defaultToken);
        this.changes = new OrgChanges(state, options.clock());

        WireMockAdapter adapter = new WireMockAdapter();
        WireMockConfiguration config = WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .containerThreads(options.containerThreads())
                .notifier(new WireMockAdapter.QuietNotifier())
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .gzipDisabled(true)
                .templatingEnabled(false)
                .globalTemplating(false)
                .extensionScanningEnabled(false)
                .asynchronousResponseEnabled(false)
                .extensions(adapter);
        if (options.port() == 0) {
            config.dynamicPort();
        } else {
            config.port(options.port());
        }
        this.server = new WireMockServer(config);
        server.start();
        try {
            server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(200)));
            this.baseUrl = "http://127.0.0.1:" + server.port();
            Views views = new Views(baseUrl);
            ApiContext ctx = new ApiContext(state, views, new Paginator(baseUrl), new UsageSeries(options.seed(),
                    now), options.projectEventsIgnoreDates());
            this.engine = new SimulatorEngine(SentryApi.router(ctx), views, tokens, faults, counters,
                    options.rateLimits(), options.clock(), options.latency(), state.organization(), changes);
            adapter.engine(engine);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    /** Starts a simulator; the organization is generated before this returns. */
    public static SentrySimulator start(SimulatorOptions options) {
        return new SentrySimulator(options);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The port. */
    public int port() {
        return server.port();
    }

    /** The default token: every scope, integration kind (unless the option says otherwise), limited to the org. */
    public String token() {
        return options.defaultToken();
    }

    /** The organization slug. */
    public String organization() {
        return state.organization().slug();
    }

    /** The options this simulator started with. */
    public SimulatorOptions options() {
        return options;
    }

    /** An immutable view of the organization now (reflects provisioning calls made so far). */
    public OrgSnapshot org() {
        return state.snapshot();
    }

    /** The report data (issues, events, feedback, users) of a project by id or slug. */
    public Optional<ProjectData> projectData(String projectIdOrSlug) {
        return state.project(projectIdOrSlug).map(state::projectData);
    }

    /** Team access requests created by 202 answers. */
    public List<OrgState.AccessRequest> accessRequests() {
        return state.accessRequests();
    }

    /**
     * Changes the organization the way a day of real use does (members join and leave, team memberships and roles
     * change, teams gain and lose projects): {@code percent} of each, deterministically from the seed and the run
     * number. Also {@code POST /__simulator/churn?percent=P&seed=N}.
     */
    public OrgChurn.Report churn(double percent, long seed) {
        return changes.churn(percent, seed);
    }

    /**
     * Adds report data as time passes: events (on existing issues, moving their last seen), new issues, late events
     * and feedback, deterministically from the request's seed and the run number. Also
     * {@code POST /__simulator/grow?events=N&issues=N&feedback=N&late=N&lateBefore=T&seed=N&project=P}.
     */
    public DataGrowth.Report grow(DataGrowth.Request request) {
        return changes.grow(request);
    }

    /** Adds (or replaces) a token. */
    public SentrySimulator addToken(ApiToken token) {
        tokens.add(token);
        return this;
    }

    /** The token registry. */
    public TokenRegistry tokens() {
        return tokens;
    }

    /** The fault rules: add, limit, clear. */
    public Faults faults() {
        return faults;
    }

    /** A snapshot of the request counters. */
    public RequestStats stats() {
        return counters.snapshot();
    }

    /** Resets the request counters. */
    public void resetStats() {
        counters.reset();
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop();
    }
}
