package dev.plugboard.conformance;

import java.util.Optional;

/**
 * How messages name the fixture's inputs: as the {@link ConformanceFixture.Builder} calls of a plugin's own
 * conformance test, or as the options of {@code plugboard conformance}. A check that finds an input wrong (a grant
 * the principal already holds, a report the plugin does not have) says so in the words its user typed.
 */
public enum FixtureInputs {
    /** A plugin's conformance test, built with {@link ConformanceFixture.Builder}. */
    JAVA,
    /** {@code plugboard conformance PLUGIN --config FILE ...}. */
    COMMAND_LINE;

    /** @return the working configuration */
    String workingConfig() {
        return this == JAVA ? "the fixture's working config" : "--config";
    }

    /** @return why the bad-config check is skipped */
    String noBadConfig() {
        return this == JAVA ? "the fixture supplies no bad config" : "no --bad-config FILE given";
    }

    /** @return the bad-credential configuration */
    String badCredential() {
        return this == JAVA ? "the fixture's bad-credential config" : "--bad-credential";
    }

    /** @return why the bad-credential check is skipped */
    String noBadCredential() {
        return this == JAVA ? "the fixture supplies no bad credential" : "no --bad-credential FILE given";
    }

    /** @return the provisioning probe as given */
    String provisioning(ProvisioningProbe p) {
        return this == JAVA ? "ConformanceFixture.Builder.provisioning(\"" + p.entitlementId() + "\", "
                + p.principal() + ")" : "--provision " + p.entitlementId() + "=" + p.principal();
    }

    /** @return how to give a provisioning probe */
    String howToProvision() {
        return this == JAVA ? "set ConformanceFixture.Builder.provisioning(entitlementId, principal)"
                : "give --provision ENTITLEMENT_ID=TYPE:ID";
    }

    /** @return a report's parameters as given */
    String reportParameters(String reportId) {
        return this == JAVA ? "ConformanceFixture.Builder.reportParameters(\"" + reportId + "\", ...)"
                : "--report-params " + reportId + "=FILE";
    }

    /** @return how to give report parameters */
    String howToGiveReportParameters() {
        return this == JAVA ? "supply them with ConformanceFixture.Builder.reportParameters(id, json)"
                : "give them with --report-params REPORT=FILE";
    }

    /** @return how to name the plugin to test, when a jar holds several */
    Optional<String> howToNameThePlugin() {
        return this == JAVA ? Optional.of("name the one to test with ConformanceFixture.Builder.pluginId(...)")
                : Optional.empty();
    }
}
