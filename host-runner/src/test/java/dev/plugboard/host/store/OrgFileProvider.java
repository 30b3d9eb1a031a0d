package dev.plugboard.host.store;

import dev.plugboard.spi.Capability;
import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorDescriptor;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ConnectorProvider;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.SpiVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A test plugin ("orgfile") that syncs the organization written in a file ({@link Org}'s lines), read afresh at
 * each open, so a test changes the organization between two CLI syncs. Config: {@code orgFile}, {@code token}
 * (secret), optional {@code failOn} (a call that fails with AUTHENTICATION, its message holding the token) and
 * {@code failWhile} (it fails only while that file exists). Uses only the JDK, the SPI and the test's fake sync.
 */
public final class OrgFileProvider implements ConnectorProvider {
    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("orgfile", "Org file", "0.0.2", SpiVersion.parse("1.0"),
                Set.of(Capability.RESOURCE_SYNC), Optional.empty(), """
                {"type":"object","required":["orgFile","token"],"additionalProperties":false,
                 "properties":{"orgFile":{"type":"string"},"token":{"type":"string","writeOnly":true},
                              "failOn":{"type":"string"},"failWhile":{"type":"string"}}}""", 2);
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) {
        String text;
        try {
            text = Files.readString(Path.of(config.string("orgFile").orElseThrow()));
        } catch (IOException e) {
            throw new ConnectorException(ErrorKind.CONFIG, "cannot read the org file: " + e.getMessage());
        }
        Optional<String> failOn = config.string("failOn");
        Optional<Path> failWhile = config.string("failWhile").map(Path::of);
        String token = config.string("token").orElseThrow();
        ResourceSync sync = OrgSource.source(text).failures(call -> failOn.filter(call::equals)
                .filter(c -> failWhile.map(Files::exists).orElse(true))
                .map(c -> new ConnectorException(ErrorKind.AUTHENTICATION, "token " + token + " was refused listing "
                        + c)));
        return new Connector() {
            @Override
            public CompletionStage<CheckResult> check() {
                return CompletableFuture.completedFuture(new CheckResult(List.of()));
            }

            @Override
            public Optional<ResourceSync> resourceSync() {
                return Optional.of(sync);
            }

            @Override
            public void close() {
            }
        };
    }
}
