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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A plugin's connector as the host sees it: every call runs with the plugin's context class loader, a call that
 * throws instead of returning a failed stage is turned into a failed stage, and a {@code null} answer is a clear
 * error instead of a later {@code NullPointerException}.
 */
final class IsolatedConnector implements Connector {
    private final Connector delegate;
    private final ClassLoader loader;
    private final String pluginId;

    IsolatedConnector(Connector delegate, ClassLoader loader, String pluginId) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.loader = loader;
        this.pluginId = pluginId;
    }

    private <T> CompletionStage<T> stage(String what, Supplier<CompletionStage<T>> call) {
        try {
            CompletionStage<T> result = ContextClassLoader.with(loader, call);
            if (result == null) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "plugin '" + pluginId + "' returned null from " + what + " instead of a CompletionStage"));
            }
            return result;
        } catch (RuntimeException | LinkageError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private <T> T value(String what, Supplier<T> call) {
        T result = ContextClassLoader.with(loader, call);
        if (result == null) {
            throw new IllegalStateException("plugin '" + pluginId + "' returned null from " + what);
        }
        return result;
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
        ContextClassLoader.run(loader, delegate::close);
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
            return stage("resources()", () -> sync.resources(type, parent, pageToken));
        }

        @Override
        public CompletionStage<Page<Entitlement>> entitlements(Resource resource, Optional<String> pageToken) {
            return stage("entitlements()", () -> sync.entitlements(resource, pageToken));
        }

        @Override
        public CompletionStage<Page<Grant>> grants(Resource resource, Optional<String> pageToken) {
            return stage("grants()", () -> sync.grants(resource, pageToken));
        }
    }

    private final class Prov implements Provisioning {
        private final Provisioning prov;

        Prov(Provisioning prov) {
            this.prov = prov;
        }

        @Override
        public CompletionStage<ProvisioningResult> grant(GrantRequest request) {
            return stage("grant()", () -> prov.grant(request));
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
            return stage("run()", () -> reports.run(reportId, parameters, pageToken));
        }
    }
}
