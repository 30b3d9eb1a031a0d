package dev.plugboard.sentry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorLogger;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.sentry.http.Async;
import dev.plugboard.sentry.http.RateLimitPacer;
import dev.plugboard.sentry.http.SentryClient;
import dev.plugboard.sentry.http.SentryErrors;
import dev.plugboard.sentry.http.Tuning;
import dev.plugboard.sentry.http.Waits;
import dev.plugboard.sentry.identity.IdentitySync;
import dev.plugboard.sentry.identity.OrgDetail;
import dev.plugboard.sentry.identity.SentryCheck;
import dev.plugboard.sentry.identity.SentryOrganization;
import dev.plugboard.sentry.provisioning.SentryProvisioning;
import dev.plugboard.sentry.provisioning.TokenKind;
import dev.plugboard.sentry.reports.SentryReports;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open Sentry connector: its own Vert.x instance (one event loop, daemon threads) and web client, the shared
 * {@link SentryClient}, the memoized organization, and the four capabilities built on them: the check and the
 * identity sync ({@code identity}), the reports ({@code reports}) and provisioning ({@code provisioning}), the last
 * two through one {@link OrganizationApi}. {@link #close()} fails every call not yet complete with CANCELLED and
 * stops every thread it started.
 */
final class SentryConnector implements Connector {
    private final Vertx vertx;
    private final WebClient web;
    private final ExecutorService callbacks;
    private final RateLimitPacer pacer;
    private final SentryClient client;
    private final IdentitySync sync;
    private final SentryCheck check;
    private final SentryProvisioning provisioning;
    private final SentryReports reports;
    private final Async async;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SentryConnector(SentryConfig config, ConnectorContext context, Tuning tuning) {
        int concurrency = Math.min(config.maxConcurrency().orElse(Integer.MAX_VALUE),
                context.limits().maxConcurrency());
        Duration timeout = config.requestTimeout().orElse(context.limits().requestTimeout());
        AtomicInteger n = new AtomicInteger();
        this.callbacks = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "plugboard-sentry-callback-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setUseDaemonThread(true));
        try {
            ConnectorLogger logger = context.logger();
            WebClientOptions options = new WebClientOptions()
                    .setUserAgent("plugboard-sentry")
                    .setFollowRedirects(false)
                    .setKeepAlive(true)
                    .setDecompressionSupported(true)
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            // A connection's own failures (a pooled connection reset while idle, say) go to the host's logger, not
            // to Vert.x's, which would print them raw on stderr.
            HttpClient http = vertx.httpClientBuilder().with(options)
                    .with(new PoolOptions().setHttp1MaxSize(concurrency))
                    .withConnectHandler(connection -> connection.exceptionHandler(e -> logger.debug(
                            "connection to Sentry failed: " + e)))
                    .build();
            this.web = WebClient.wrap(http, options);
            // Once closed, timers are dropped: SentryClient.close() has already failed every call that waits for one.
            RateLimitPacer.Timers timers = (delay, task) -> {
                if (!closed.get()) {
                    try {
                        vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run());
                    } catch (RuntimeException e) {
                        // Vert.x is closing: the same as closed
                    }
                }
            };
            this.pacer = new RateLimitPacer(concurrency, context.clock(), timers, tuning.resetMargin(),
                    context.cancellation(), tuning.announceAfter(), tuning.maxRateLimitWait(), tuning.longestWindow(),
                    (endpoint, wait) -> {
                        String message = "Sentry's rate-limit window for " + endpoint + " is spent: waiting "
                                + Waits.describe(wait) + " for it to reset";
                        logger.warn(message);
                        context.progress().status(message);
                    });
            ObjectMapper json = new ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            SentryErrors errors = new SentryErrors(config.authToken(), config.organization(), json);
            this.client = new SentryClient(web, pacer, timers, context, tuning, errors, json, config.authToken(),
                    timeout, config.maxResponseBytes());
            vertx.exceptionHandler(t -> onEventLoopFailure(t, logger));
            SentryOrganization org = new SentryOrganization(client, config.organization(), config.baseUrl(),
                    logger);
            this.async = new Async(callbacks);
            this.sync = new IdentitySync(org, async, logger);
            this.check = new SentryCheck(org, config.authToken());
            OrganizationApi api = new OrganizationApi(client, org, errors, config.baseUrl(), async);
            this.provisioning = new SentryProvisioning(api, TokenKind.of(config.authToken()),
                    () -> org.detail().thenApply(d -> d.roles().stream().map(OrgDetail.OrgRole::id).toList()));
            this.reports = new SentryReports(api, context.clock(), context.progress());
        } catch (RuntimeException | Error e) {
            // Nothing half-open stays behind: the threads started above stop before the failure is reported.
            stop(vertx, callbacks);
            throw e;
        }
    }

    /**
     * Something failed on the event loop outside any call's handling. An {@link Error} (out of memory, say) ends
     * every pending call, so the command ends instead of waiting for answers that will never come; the rest is
     * logged through the host's (masking) logger, never printed raw.
     */
    private void onEventLoopFailure(Throwable t, ConnectorLogger logger) {
        if (t instanceof Error) {
            logger.warn("the Sentry connector's event loop failed: " + t);
            client.fatal(t);
        } else {
            logger.debug("unhandled on the Sentry connector's event loop: " + t);
        }
    }

    /**
     * @param config  the bound configuration
     * @param context the host's context
     * @param tuning  retry and pacing knobs
     * @return an open connector; nothing has been sent yet
     */
    static SentryConnector open(SentryConfig config, ConnectorContext context, Tuning tuning) {
        return new SentryConnector(config, context, tuning);
    }

    @Override
    public CompletionStage<CheckResult> check() {
        return async.run(check::run);
    }

    @Override
    public Optional<ResourceSync> resourceSync() {
        return Optional.of(sync);
    }

    @Override
    public Optional<Reports> reports() {
        return Optional.of(reports);
    }

    @Override
    public Optional<Provisioning> provisioning() {
        return Optional.of(provisioning);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // First the calls (in backoff, waiting for a permit, in flight), so that none is left for a timer or an
        // answer that the closing event loop will never deliver.
        client.close();
        pacer.close();
        try {
            web.close();
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        stop(vertx, callbacks);
    }

    /** Stops Vert.x (waiting up to 10 s unless on its own thread) and the callback threads. */
    private static void stop(Vertx vertx, ExecutorService callbacks) {
        var done = vertx.close();
        if (Vertx.currentContext() == null) {
            try {
                done.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception ignored) {
                // best effort: the threads are daemons
            }
        }
        callbacks.shutdown();
    }
}
