package dev.plugboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.spi.ResourceRef;
import java.nio.file.Path;
import java.time.Duration;

/** Writes a fixture as JSON text and reads it back: how {@link ConformanceRunner} hands it to the launched suite. */
final class FixtureCodec {
    private FixtureCodec() {
    }

    static String encode(ConformanceFixture f) {
        ObjectNode root = Json.object();
        root.put("pluginJar", f.pluginJar().toAbsolutePath().toString());
        f.pluginId().ifPresent(id -> root.put("pluginId", id));
        root.put("workingConfig", f.workingConfig());
        var bad = root.putArray("badConfigs");
        f.badConfigs().forEach(b -> bad.addObject().put("description", b.description()).put("json", b.json()));
        f.badCredential().ifPresent(c -> root.put("badCredential", c));
        var params = root.putObject("reportParameters");
        f.reportParameters().forEach(params::put);
        f.provisioning().ifPresent(p -> root.putObject("provisioning").put("entitlementId", p.entitlementId())
                .put("principal", p.principal().toString()));
        var secrets = root.putArray("secrets");
        f.secrets().forEach(secrets::add);
        root.put("maxPagesPerListing", f.maxPagesPerListing());
        root.put("reportPages", f.reportPages());
        root.put("callTimeoutMillis", f.callTimeout().toMillis());
        root.put("threadGraceMillis", f.threadGrace().toMillis());
        root.put("inputs", f.inputs().name());
        return Json.text(root);
    }

    static ConformanceFixture decode(String json) {
        ObjectNode root = Json.object(json, "the conformance fixture");
        ConformanceFixture.Builder b = ConformanceFixture.builder(Path.of(root.path("pluginJar").asText()),
                root.path("workingConfig").asText());
        if (root.hasNonNull("pluginId")) {
            b.pluginId(root.get("pluginId").asText());
        }
        for (JsonNode bad : root.path("badConfigs")) {
            b.badConfig(bad.path("description").asText(), bad.path("json").asText());
        }
        if (root.hasNonNull("badCredential")) {
            b.badCredential(root.get("badCredential").asText());
        }
        root.path("reportParameters").fields().forEachRemaining(e -> b.reportParameters(e.getKey(),
                e.getValue().asText()));
        if (root.hasNonNull("provisioning")) {
            b.provisioning(root.path("provisioning").path("entitlementId").asText(),
                    ResourceRef.parse(root.path("provisioning").path("principal").asText()));
        }
        root.path("secrets").forEach(s -> b.secrets(s.asText()));
        return b.maxPagesPerListing(root.path("maxPagesPerListing").asInt())
                .reportPages(root.path("reportPages").asInt())
                .callTimeout(Duration.ofMillis(root.path("callTimeoutMillis").asLong()))
                .threadGrace(Duration.ofMillis(root.path("threadGraceMillis").asLong()))
                .inputs(FixtureInputs.valueOf(root.path("inputs").asText(FixtureInputs.JAVA.name())))
                .build();
    }
}
