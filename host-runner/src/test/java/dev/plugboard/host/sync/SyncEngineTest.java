package dev.plugboard.host.sync;

import static dev.plugboard.host.sync.SyncTesting.syncToString;
import static dev.plugboard.host.sync.SyncTesting.withoutDuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncEngineTest {

    static final String SMALL_SYNC = """
            {"kind":"resourceType","id":"org","displayName":"Org","traits":["ORGANIZATION"],"description":"a org"}
            {"kind":"resourceType","id":"user","displayName":"User","traits":["USER"],"description":"a user"}
            {"kind":"resourceType","id":"team","displayName":"Team","traits":["GROUP"],"description":"a team"}
            {"kind":"resourceType","id":"project","displayName":"Project","traits":["APP"],"description":"a project"}
            {"kind":"resource","type":"org","id":"acme","parent":null,"displayName":"Acme","profile":{"slug":"acme"}}
            {"kind":"resource","type":"team","id":"7","parent":{"type":"org","id":"acme"},"displayName":"Team 7","profile":{}}
            {"kind":"entitlement","id":"team:7:member","resource":{"type":"team","id":"7"},"slug":"member","displayName":"Member","purpose":"ASSIGNMENT","grantableTo":["user"]}
            {"kind":"grant","id":"team:7:member:user:1","entitlement":"team:7:member","principal":{"type":"user","id":"1"}}
            {"kind":"grant","id":"team:7:member:user:2","entitlement":"team:7:member","principal":{"type":"user","id":"2"}}
            {"kind":"resource","type":"team","id":"8","parent":{"type":"org","id":"acme"},"displayName":"Team 8","profile":{}}
            {"kind":"entitlement","id":"team:8:member","resource":{"type":"team","id":"8"},"slug":"member","displayName":"Member","purpose":"ASSIGNMENT","grantableTo":["user"]}
            {"kind":"grant","id":"team:8:member:user:3","entitlement":"team:8:member","principal":{"type":"user","id":"3"}}
            {"kind":"resource","type":"user","id":"1","parent":null,"displayName":"Ada","profile":{"email":"ada@example.com"}}
            {"kind":"resource","type":"user","id":"2","parent":null,"displayName":"Bob","profile":{"email":"bob@example.com"}}
            {"kind":"resource","type":"user","id":"3","parent":null,"displayName":"Cy","profile":{"email":"cy@example.com"}}
            {"kind":"resource","type":"project","id":"3","parent":null,"displayName":"Project 3","profile":{}}
            {"kind":"entitlement","id":"project:3:access","resource":{"type":"project","id":"3"},"slug":"access","displayName":"Access","purpose":"PERMISSION","grantableTo":["team","user"]}
            {"kind":"grant","id":"project:3:access:team:7","entitlement":"project:3:access","principal":{"type":"team","id":"7"},"expandable":["team:7:member"]}
            {"kind":"resource","type":"project","id":"4","parent":null,"displayName":"Project 4","profile":{}}
            {"kind":"entitlement","id":"project:4:access","resource":{"type":"project","id":"4"},"slug":"access","displayName":"Access","purpose":"PERMISSION","grantableTo":["team","user"]}
            {"kind":"grant","id":"project:4:access:user:3","entitlement":"project:4:access","principal":{"type":"user","id":"3"}}
            {"kind":"summary","format":"plugboard-sync/1","plugin":"fake","types":["org","user","team","project"],"counts":{"resourceType":4,"resource":8,"entitlement":4,"grant":5},"countsByType":{"org":{"resource":1,"entitlement":0,"grant":0},"project":{"resource":2,"entitlement":2,"grant":2},"team":{"resource":2,"entitlement":2,"grant":3},"user":{"resource":3,"entitlement":0,"grant":0}},"run":{"durationMillis":0,"calls":22,"requests":0,"retries":0,"pluginRetries":0}}
            """;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8})
    void writesEveryRecordInWalkOrderWhateverTheConcurrency(int concurrency) throws IOException {
        String out = syncToString(FakeResourceSync.small(), SyncOptions.of(concurrency));

        assertThat(withoutDuration(out)).isEqualTo(SMALL_SYNC);
    }

    @Test
    void callsEveryListingOncePerPageInWalkOrderWhenSequential() throws IOException {
        FakeResourceSync plugin = FakeResourceSync.small();

        syncToString(plugin, SyncOptions.of(1));

        assertThat(plugin.calls()).containsExactly(
                "resources org -", "entitlements org:acme -", "grants org:acme -", "resources team<org:acme -",
                "entitlements team:7 -", "grants team:7 -", "entitlements team:8 -", "grants team:8 -",
                "resources user -", "entitlements user:1 -", "grants user:1 -", "entitlements user:2 -",
                "grants user:2 -", "resources user @2", "entitlements user:3 -", "grants user:3 -",
                "resources team -", "resources project -", "entitlements project:3 -", "grants project:3 -",
                "entitlements project:4 -", "grants project:4 -");
    }

    @Test
    void outputIsByteIdenticalWhenCallsCompleteInRandomOrderOnPluginThreads() throws Exception {
        ScheduledExecutorService loop = Executors.newScheduledThreadPool(3);
        try {
            Random random = new Random(42);
            FakeResourceSync.Completer jittery = (call, answer) -> {
                long delay;
                synchronized (random) {
                    delay = random.nextInt(3000);
                }
                loop.schedule(answer, delay, TimeUnit.MICROSECONDS);
            };
            String sequential = syncToString(FakeResourceSync.wide(40, 5).pageSize(3), SyncOptions.of(1));
            String concurrent = syncToString(FakeResourceSync.wide(40, 5).pageSize(3).completer(jittery),
                    SyncOptions.of(16));
            String again = syncToString(FakeResourceSync.wide(40, 5).pageSize(3).completer(jittery),
                    SyncOptions.of(7));

            assertThat(withoutDuration(concurrent)).isEqualTo(withoutDuration(sequential));
            assertThat(withoutDuration(again)).isEqualTo(withoutDuration(sequential));
            assertThat(sequential.lines().count()).isEqualTo(3 + 10 + 80 + 80 + 200 + 40 + 1);
        } finally {
            loop.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8})
    void runsExactlyConcurrencyCallsAtOnceAtMost(int concurrency) throws Exception {
        try (GatedCompleter gate = new GatedCompleter(concurrency)) {
            FakeResourceSync plugin = FakeResourceSync.wide(30, 4).pageSize(2).completer(gate);

            String out = syncToString(plugin, SyncOptions.of(concurrency));

            assertThat(plugin.maxInFlight()).isEqualTo(concurrency);
            assertThat(withoutDuration(out))
                    .isEqualTo(withoutDuration(syncToString(FakeResourceSync.wide(30, 4).pageSize(2), SyncOptions.of(1))));
        }
    }

    @Test
    void fetchesAtMostTheLookaheadPlusOnePageACallAheadOfTheWriter() throws Exception {
        int lookahead = 10;
        int concurrency = 4;
        int pageSize = 3;
        AtomicLong maxAhead = new AtomicLong();
        FakeResourceSync plugin = FakeResourceSync.wide(50, 6).pageSize(pageSize);
        try (GatedCompleter gate = new GatedCompleter(concurrency)) {
            plugin.completer(gate);
            SyncRecordSink counting = new CountingSink(written -> maxAhead.accumulateAndGet(
                    plugin.itemsServed() - written, Math::max));
            new SyncEngine("fake", plugin, SyncOptions.of(concurrency).withLookahead(lookahead), Retrier.none(),
                    new SyncStats(), SyncListener.none(), System::nanoTime)
                    .run(counting, Checkpointer.none(), Optional.empty());
        }
        // a call starts only while fewer than `lookahead` records wait; each call in flight adds at most a page
        assertThat(maxAhead.get()).isLessThanOrEqualTo(lookahead + (long) concurrency * pageSize);
        assertThat(plugin.itemsServed()).isEqualTo(12 + 50 + 50 + 100 + 50 * 6 + 50);
    }

    @Test
    void onlyTheRequestedTypesAreWalkedInThePluginsOrder() throws IOException {
        FakeResourceSync plugin = FakeResourceSync.small();

        String out = syncToString(plugin, SyncOptions.of(2).withTypes(List.of("project", "org")));

        assertThat(out.lines().filter(l -> l.startsWith("{\"kind\":\"resource\"")).map(l -> l.split(",\"parent")[0]))
                .containsExactly("{\"kind\":\"resource\",\"type\":\"org\",\"id\":\"acme\"",
                        "{\"kind\":\"resource\",\"type\":\"project\",\"id\":\"3\"",
                        "{\"kind\":\"resource\",\"type\":\"project\",\"id\":\"4\"");
        assertThat(plugin.calls()).noneMatch(c -> c.contains("team") || c.contains("user"));
    }

    @Test
    void anUnknownTypeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> syncToString(FakeResourceSync.small(), SyncOptions.of(1).withTypes(List.of("usr"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown resource type usr; this plugin syncs: org, user, team, project");
    }

    @Test
    void aPageTokenThatRepeatsIsAnInternalError() {
        FakeResourceSync plugin = FakeResourceSync.small();
        BrokenSync looping = new BrokenSync(plugin) {
            @Override
            public CompletableFuture<Page<Resource>> resources(String type, Optional<ResourceRef> parent,
                                                               Optional<String> token) {
                return CompletableFuture.completedFuture(Page.of(List.of(), "same"));
            }
        };

        assertThatThrownBy(() -> run(looping))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL))
                .hasMessage("plugin fake answered the same page token again for resources of type org"
                        + " (the listing would never end)");
    }

    @Test
    void aResourceOfAnotherTypeOrAnUnknownChildTypeIsAnInternalError() {
        BrokenSync wrongType = new BrokenSync(FakeResourceSync.small()) {
            @Override
            public CompletableFuture<Page<Resource>> resources(String type, Optional<ResourceRef> parent,
                                                               Optional<String> token) {
                return CompletableFuture.completedFuture(Page.last(List.of(
                        Resource.of(new ResourceRef("user", "9"), "Nine", Map.of()))));
            }
        };
        BrokenSync unknownChild = new BrokenSync(FakeResourceSync.small()) {
            @Override
            public CompletableFuture<Page<Resource>> resources(String type, Optional<ResourceRef> parent,
                                                               Optional<String> token) {
                return CompletableFuture.completedFuture(Page.last(List.of(new Resource(new ResourceRef(type, "9"),
                        Optional.empty(), "Nine", Map.of(), List.of("widget")))));
            }
        };

        assertThatThrownBy(() -> run(wrongType)).hasMessage(
                "plugin fake listed resource user:9 among resources of type org");
        assertThatThrownBy(() -> run(unknownChild)).hasMessage("plugin fake names child type 'widget' for org:9,"
                + " which is not one of its resource types [org, user, team, project]");
    }

    @Test
    void aPluginThatThrowsInsteadOfFailingTheStageFailsTheSyncAsInternal() {
        BrokenSync throwing = new BrokenSync(FakeResourceSync.small()) {
            @Override
            public CompletableFuture<Page<Grant>> grants(Resource resource, Optional<String> token) {
                throw new IllegalStateException("boom");
            }
        };

        assertThatThrownBy(() -> run(throwing))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL))
                .hasMessage("plugin fake failed listing grants of org:acme with an unexpected"
                        + " java.lang.IllegalStateException: boom");
    }

    private static void run(BrokenSync plugin) throws IOException {
        new SyncEngine("fake", plugin, SyncOptions.of(1), Retrier.none(), new SyncStats(), SyncListener.none(),
                System::nanoTime).run(new CountingSink(n -> { }), Checkpointer.none(), Optional.empty());
    }

    /** Delegates to a fake; tests override one listing to misbehave. */
    abstract static class BrokenSync implements dev.plugboard.spi.ResourceSync {
        private final FakeResourceSync delegate;

        BrokenSync(FakeResourceSync delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<ResourceType> resourceTypes() {
            return delegate.resourceTypes();
        }

        @Override
        public java.util.concurrent.CompletionStage<Page<Resource>> resources(String type,
                Optional<ResourceRef> parent, Optional<String> token) {
            return delegate.resources(type, parent, token);
        }

        @Override
        public java.util.concurrent.CompletionStage<Page<Entitlement>> entitlements(Resource resource,
                                                                                   Optional<String> token) {
            return delegate.entitlements(resource, token);
        }

        @Override
        public java.util.concurrent.CompletionStage<Page<Grant>> grants(Resource resource, Optional<String> token) {
            return delegate.grants(resource, token);
        }
    }

    /** Counts records and reports the count after each. */
    static final class CountingSink implements SyncRecordSink {
        private final java.util.function.LongConsumer afterEach;
        private long written;

        CountingSink(java.util.function.LongConsumer afterEach) {
            this.afterEach = afterEach;
        }

        private void one() {
            afterEach.accept(++written);
        }

        @Override
        public void resourceType(ResourceType type) {
        }

        @Override
        public void resource(Resource resource) {
            one();
        }

        @Override
        public void entitlement(Entitlement entitlement) {
            one();
        }

        @Override
        public void grant(Grant grant) {
            one();
        }

        @Override
        public void summary(SyncSummary summary) {
        }

        @Override
        public void flush() {
        }
    }
}
