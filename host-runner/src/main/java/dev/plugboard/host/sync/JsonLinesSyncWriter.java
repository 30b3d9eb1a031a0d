package dev.plugboard.host.sync;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.plugboard.host.json.Json;
import dev.plugboard.host.json.JsonValueWriter;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceType;
import dev.plugboard.spi.Trait;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes sync records as JSON Lines (the format of {@code docs/sync-format.md}): one object a line, each with a
 * {@code kind}, fields in a fixed order, sets sorted, so equal data gives equal bytes.
 */
public final class JsonLinesSyncWriter implements SyncRecordSink {
    /** The value of the summary's {@code format} field. */
    public static final String FORMAT = "plugboard-sync/1";

    private final JsonGenerator gen;

    /** @param out where to write, as UTF-8; flushed by {@link #flush()}, never closed */
    public JsonLinesSyncWriter(OutputStream out) throws IOException {
        this(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** @param out where to write; flushed by {@link #flush()}, never closed */
    public JsonLinesSyncWriter(java.io.Writer out) throws IOException {
        this.gen = Json.generator(out);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.setRootValueSeparator(null);
    }

    private void start(RecordKind kind) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("kind", kind.json());
    }

    private void end() throws IOException {
        gen.writeEndObject();
        gen.writeRaw('\n');
    }

    private void ref(String field, ResourceRef ref) throws IOException {
        gen.writeObjectFieldStart(field);
        gen.writeStringField("type", ref.type());
        gen.writeStringField("id", ref.id());
        gen.writeEndObject();
    }

    @Override
    public void resourceType(ResourceType type) throws IOException {
        start(RecordKind.RESOURCE_TYPE);
        gen.writeStringField("id", type.id());
        gen.writeStringField("displayName", type.displayName());
        gen.writeArrayFieldStart("traits");
        for (Trait t : new TreeSet<>(type.traits())) {
            gen.writeString(t.name());
        }
        gen.writeEndArray();
        gen.writeStringField("description", type.description());
        end();
    }

    @Override
    public void resource(Resource resource) throws IOException {
        start(RecordKind.RESOURCE);
        gen.writeStringField("type", resource.type());
        gen.writeStringField("id", resource.id());
        if (resource.parent().isPresent()) {
            ref("parent", resource.parent().get());
        } else {
            gen.writeNullField("parent");
        }
        gen.writeStringField("displayName", resource.displayName());
        gen.writeFieldName("profile");
        JsonValueWriter.write(gen, resource.profile());
        end();
    }

    @Override
    public void entitlement(Entitlement e) throws IOException {
        start(RecordKind.ENTITLEMENT);
        gen.writeStringField("id", e.id());
        ref("resource", e.resource());
        gen.writeStringField("slug", e.slug());
        gen.writeStringField("displayName", e.displayName());
        gen.writeStringField("purpose", e.purpose().name());
        gen.writeArrayFieldStart("grantableTo");
        for (String t : new TreeSet<>(e.grantableTo())) {
            gen.writeString(t);
        }
        gen.writeEndArray();
        end();
    }

    @Override
    public void grant(Grant g) throws IOException {
        start(RecordKind.GRANT);
        gen.writeStringField("id", g.id());
        gen.writeStringField("entitlement", g.entitlementId());
        ref("principal", g.principal());
        if (g.isExpandable()) {
            gen.writeArrayFieldStart("expandable");
            for (String id : g.expandableFrom()) {
                gen.writeString(id);
            }
            gen.writeEndArray();
        }
        if (g.isHeldVia()) {
            gen.writeArrayFieldStart("via");
            for (String id : g.via()) {
                gen.writeString(id);
            }
            gen.writeEndArray();
        }
        end();
    }

    @Override
    public void summary(SyncSummary s) throws IOException {
        start(RecordKind.SUMMARY);
        gen.writeStringField("format", FORMAT);
        gen.writeStringField("plugin", s.pluginId());
        gen.writeArrayFieldStart("types");
        for (String t : s.types()) {
            gen.writeString(t);
        }
        gen.writeEndArray();
        SyncCounts c = s.counts();
        gen.writeObjectFieldStart("counts");
        gen.writeNumberField("resourceType", c.resourceTypes());
        gen.writeNumberField("resource", c.resources());
        gen.writeNumberField("entitlement", c.entitlements());
        gen.writeNumberField("grant", c.grants());
        gen.writeEndObject();
        gen.writeObjectFieldStart("countsByType");
        for (Map.Entry<String, SyncCounts.TypeCounts> e : c.byType().entrySet()) {
            gen.writeObjectFieldStart(e.getKey());
            gen.writeNumberField("resource", e.getValue().resources());
            gen.writeNumberField("entitlement", e.getValue().entitlements());
            gen.writeNumberField("grant", e.getValue().grants());
            gen.writeEndObject();
        }
        gen.writeEndObject();
        gen.writeObjectFieldStart("run");
        gen.writeNumberField("durationMillis", s.durationMillis());
        gen.writeNumberField("calls", s.calls());
        gen.writeNumberField("requests", s.requests());
        gen.writeNumberField("retries", s.retries());
        gen.writeNumberField("pluginRetries", s.pluginRetries());
        gen.writeEndObject();
        end();
    }

    @Override
    public void flush() throws IOException {
        gen.flush();
    }
}
