package dev.plugboard.host.plugin;

import dev.plugboard.spi.AccountRequest;
import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;
import dev.plugboard.spi.RevokeRequest;
import dev.plugboard.spi.Row;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A plugin's connector as the host sees it: every call runs on a host thread with the plugin's context class loader
 * and a deadline ({@link PluginCalls}), a call that throws instead of returning a failed stage is turned into a
 * failed stage, and a {@code null} answer is a clear error instead of a later {@code NullPointerException}.
 */
final class IsolatedConnector implements Connector {
    private final Connector delegate;
    private final ClassLoader loader;
    private final String pluginId;
    private final PluginCalls calls;

    IsolatedConnector(Connector delegate, ClassLoader loader, String pluginId, PluginCalls calls) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.loader = loader;
        this.pluginId = pluginId;
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    private <T> CompletionStage<T> stage(String what, Supplier<CompletionStage<T>> call) {
        return calls.stage(pluginId, what, loader, call);
    }

    private <T> T value(String what, Supplier<T> call) {
        T result = calls.call(pluginId, what, loader, call);
        if (result == null) {
            throw new IllegalStateException("plugin '" + pluginId + "' returned null from " + what);
        }
        return result;
    }

    private static String of(Resource resource) {
        return resource.ref().type() + ":" + resource.ref().id();
    }
    @Override
    public CompletionStage<CheckResult> check() {
        return stage("check()", delegate::check);
    }

    @Override
    public Optional<ResourceSync> resourceSync() {
        return value("resourceSync()", delegate::resourceSync).map(Sync::new);
    }

    @Override
    public Optional<Provisioning> provisioning() {
        return value("provisioning()", delegate::provisioning).map(Prov::new);
    }

    @Override
    public Optional<Reports> reports() {
        return value("reports()", delegate::reports).map(Rep::new);
    }

    @Override
    public void close() {
        calls.call(pluginId, "close()", loader, () -> {
            delegate.close();
            return Boolean.TRUE;
        });
    }

    private final class Sync implements ResourceSync {
        private final ResourceSync sync;

        Sync(ResourceSync sync) {
            this.sync = sync;
        }

        @Override
        public List<ResourceType> resourceTypes() {
            return value("resourceTypes()", sync::resourceTypes);
        }

        @Override
        public CompletionStage<Page<Resource>> resources(String type, Optional<ResourceRef> parent,
                                                         Optional<String> pageToken) {
            return stage("resources(" + type + parent.map(p -> " under " + p.type() + ":" + p.id()).orElse("")
                    + pageToken.map(t -> ", a next page").orElse("") + ")", () -> sync.resources(type, parent, pageToken));
        }

        @Override
        public CompletionStage<Page<Entitlement>> entitlements(Resource resource, Optional<String> pageToken) {
            return stage("entitlements(" + of(resource) + ")", () -> sync.entitlements(resource, pageToken));
        }

        @Override
        public CompletionStage<Page<Grant>> grants(Resource resource, Optional<String> pageToken) {
            return stage("grants(" + of(resource) + ")", () -> sync.grants(resource, pageToken));
        }
    }

    private final class Prov implements Provisioning {
        private final Provisioning prov;

        Prov(Provisioning prov) {
            this.prov = prov;
        }

        @Override
        public CompletionStage<ProvisioningResult> grant(GrantRequest request) {
            return stage("grant(" + request.entitlementId() + ")", () -> prov.grant(request));
        }

        @Override
        public CompletionStage<ProvisioningResult> revoke(RevokeRequest request) {
            return stage("revoke()", () -> prov.revoke(request));
        }

        @Override
        public CompletionStage<ProvisioningResult> createAccount(AccountRequest request) {
            return stage("createAccount()", () -> prov.createAccount(request));
        }

        @Override
        public CompletionStage<ProvisioningResult> deleteAccount(ResourceRef account, boolean dryRun) {
            return stage("deleteAccount()", () -> prov.deleteAccount(account, dryRun));
        }
    }

    private final class Rep implements Reports {
        private final Reports reports;

        Rep(Reports reports) {
            this.reports = reports;
        }

        @Override
        public List<ReportDefinition> definitions() {
            return value("definitions()", reports::definitions);
        }

        @Override
        public CompletionStage<Page<Row>> run(String reportId, Map<String, Object> parameters,
                                              Optional<String> pageToken) {
            return stage("run(" + reportId + ")", () -> reports.run(reportId, parameters, pageToken));
        }

        @Override
        public CompletionStage<Page<Row>> runIncremental(String reportId, Map<String, Object> parameters,
                                                         java.time.Instant from, Optional<String> pageToken) {
            return stage("runIncremental()", () -> reports.runIncremental(reportId, parameters, from, pageToken));
        }
    }
}
