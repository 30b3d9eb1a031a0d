package dev.plugboard.host.sync;

import dev.plugboard.host.report.FakeReports;
import dev.plugboard.spi.Capability;
import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorDescriptor;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ConnectorProvider;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.SpiVersion;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The test plugin the CLI tests load from a jar: {@link FakeResourceSync#small()} and {@link FakeReports#standard()}.
 * Config: {@code token} (secret); optional {@code failOn} (a call that fails with PERMISSION, its message holding
 * the token, to prove masking; {@code failKind} names another ErrorKind) and {@code failOnce} (a marker file: the failure happens only while it is absent, and
 * creates it, so a resumed run with the same config succeeds), {@code hostileNames} (members and report rows named like
 * spreadsheet formulas), {@code slowMillis} (every answer that much later, from another thread) and {@code exitIn}
 * (calls {@code System.exit(0)} in the first call starting with it), {@code errorIn} (a thread of the plugin dies of
 * an OutOfMemoryError instead of answering that call) and {@code holdUntil} (grants are answered once that file exists). Uses only the JDK and the SPI.
 */
public final class FakePluginProvider implements ConnectorProvider {
    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("fake", "Fake", "0.0.1", SpiVersion.parse("1.0"),
                Set.of(Capability.RESOURCE_SYNC, Capability.REPORTS), Optional.empty(), """
                {"type":"object","required":["token"],"additionalProperties":false,
                 "properties":{"token":{"type":"string","writeOnly":true},"failOn":{"type":"string"},
                              "failOnce":{"type":"string"},"failKind":{"type":"string"},
                              "hostileNames":{"type":"boolean"},"slowMillis":{"type":"integer"},
                              "exitIn":{"type":"string"},"errorIn":{"type":"string"},
                              "holdUntil":{"type":"string"}}}""", 2);
    }

    /** Names a remote system may hold that a spreadsheet would run as formulas (issue 14's exact examples). */
    public static final List<String> HOSTILE_NAMES = List.of("=HYPERLINK(\"http://x\",\"y\")", "+SUM(1)", "-1+1",
            "@x", "\tTab", "\rCR");

    private static void addHostileNames(FakeResourceSync sync, FakeReports reports) {
        for (int i = 0; i < HOSTILE_NAMES.size(); i++) {
            String id = String.valueOf(90 + i);
            sync.resource(dev.plugboard.spi.Resource.of(new dev.plugboard.spi.ResourceRef("user", id),
                    HOSTILE_NAMES.get(i), java.util.Map.of()));
            sync.grant(new dev.plugboard.spi.ResourceRef("team", "8"),
                    dev.plugboard.spi.Grant.of("team:8:member", new dev.plugboard.spi.ResourceRef("user", id)));
            reports.row(90 + i, HOSTILE_NAMES.get(i), true, null, -1, null);
        }
    }

    private static boolean firstTime(java.nio.file.Path marker) {
        try {
            java.nio.file.Files.createFile(marker);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) {
        String token = config.string("token").orElseThrow();
        Optional<String> failOn = config.string("failOn");
        Optional<java.nio.file.Path> failOnce = config.string("failOnce").map(java.nio.file.Path::of);
        ErrorKind failKind = config.string("failKind").map(ErrorKind::valueOf).orElse(ErrorKind.PERMISSION);
        FakeResourceSync sync = FakeResourceSync.small().failures(call -> failOn.filter(call::equals)
                .filter(c -> failOnce.map(FakePluginProvider::firstTime).orElse(true))
                .map(c -> new ConnectorException(failKind, "token " + token + " may not list " + c)));
        FakeReports reports = FakeReports.standard();
        long slow = config.integer("slowMillis").orElse(0L);
        if (slow > 0) {
            sync.completer((call, answer) -> {
                Thread later = new Thread(() -> {
                    try {
                        Thread.sleep(slow);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    answer.run();
                }, "fake-slow-answer");
                later.setDaemon(true);
                later.start();
            });
        }
        Optional<String> exitIn = config.string("exitIn");
        if (exitIn.isPresent()) {
            // a plugin that ends the process from its own thread, as a careless library might
            sync.completer((call, answer) -> {
                if (call.startsWith(exitIn.get())) {
                    System.exit(0);
                }
                answer.run();
            });
        }
        Optional<java.nio.file.Path> holdUntil = config.string("holdUntil").map(java.nio.file.Path::of);
        if (holdUntil.isPresent()) {
            // grants are answered only once the file exists: the test decides when the sync may end
            sync.completer((call, answer) -> {
                if (!call.startsWith("grants")) {
                    answer.run();
                    return;
                }
                Thread later = new Thread(() -> {
                    while (!java.nio.file.Files.exists(holdUntil.get())) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    answer.run();
                }, "fake-held-answer");
                later.setDaemon(true);
                later.start();
            });
        }
        Optional<String> errorIn = config.string("errorIn");
        if (errorIn.isPresent()) {
            // an event loop that dies of an Error: the call it was answering never completes
            sync.completer((call, answer) -> {
                if (call.startsWith(errorIn.get())) {
                    new Thread(() -> {
                        throw new OutOfMemoryError("simulated: Java heap space");
                    }, "fake-event-loop").start();
                    return;
                }
                answer.run();
            });
        }
        if (config.value("hostileNames").map(Boolean.TRUE::equals).orElse(false)) {
            addHostileNames(sync, reports);
        }
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
            public Optional<Reports> reports() {
                return Optional.of(reports);
            }

            @Override
            public void close() {
            }
        };
    }
}
