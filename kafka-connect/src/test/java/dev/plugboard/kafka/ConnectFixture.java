package dev.plugboard.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One in-process Kafka Connect cluster (one broker, one worker) whose {@code plugin.path} is a copy of the Connect
 * plugin folder {@code mvn package} built, with the real {@code sentry-plugin.jar} in its {@code plugins/} folder.
 */
final class ConnectFixture implements AutoCloseable {
    static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";

    final Path work;
    final Path bundle;
    final EmbeddedConnectCluster connect;

    /** A record as consumed: key, value and the two Plugboard headers. */
    record Consumed(String topic, String key, String value, String syncId, String kind) {
    }

    ConnectFixture(Path work) throws IOException {
        this.work = work;
        Path built = Path.of(System.getProperty("plugboard.connect.bundle", "target/plugboard-kafka-connect"));
        Path sentryJar = Path.of(System.getProperty("plugboard.sentry.jar", "../sentry-plugin/target/sentry-plugin.jar"));
        assertTrue(Files.isDirectory(built), built + " is missing: run 'mvn package' (the tests run in 'verify')");
        assertTrue(Files.isRegularFile(sentryJar), sentryJar + " is missing: build sentry-plugin first");
        bundle = work.resolve("plugboard-kafka-connect");
        copyTree(built, bundle);
        Files.copy(sentryJar, bundle.resolve("plugins/sentry-plugin.jar"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.path", bundle.resolve("connect").toString());
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.flush.interval.ms", "500");
        worker.put("config.providers", "file");
        worker.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        connect = new EmbeddedConnectCluster.Builder().name("plugboard-it").numWorkers(1).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
    }

    /** @return a connector configuration with string converters and the given Plugboard settings */
    static Map<String, String> connector(Map<String, String> plugboard) {
        Map<String, String> config = new HashMap<>(plugboard);
        config.put("connector.class", "dev.plugboard.kafka.PlugboardSourceConnector");
        config.put("tasks.max", "1");
        config.put("key.converter", STRING_CONVERTER);
        config.put("value.converter", STRING_CONVERTER);
        // Connect creates the topic: one partition keeps a sync's records in order, its marker last
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    /**
     * Reads a topic from the start until a record of kind {@code summary} arrives (or the time runs out).
     *
     * @param topic   the topic
     * @param markers how many summary records to wait for
     * @param timeout how long to wait
     * @return every record read, in order
     */
    List<Consumed> consumeUntilMarkers(String topic, int markers, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        List<Consumed> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(props, topic)) {
            while (seen < markers) {
                if (System.nanoTime() > deadline) {
                    fail("saw " + seen + " of " + markers + " summary records on " + topic + " within " + timeout
                            + " (" + out.size() + " records); connectors: " + connect.connectors());
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Consumed c = new Consumed(r.topic(), text(r.key()), text(r.value()),
                            header(r, "plugboard.sync.id"), header(r, "plugboard.record.kind"));
                    out.add(c);
                    if ("summary".equals(c.kind())) {
                        seen++;
                    }
                }
            }
        }
        return out;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * Runs the {@code plugboard} CLI in this JVM (as {@code java -jar plugboard.jar} would).
     *
     * @param args its arguments
     * @return what it printed on stdout
     */
    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = dev.plugboard.host.cli.Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        if (code != 0) {
            fail("plugboard " + String.join(" ", args) + " exited " + code + ": " + err);
        }
        return out.toString();
    }

    /**
     * One request to the cluster's REST API, as curl would send it.
     *
     * @param method the HTTP method
     * @param path   the path, e.g. {@code /connectors}
     * @param body   the JSON body, or null
     * @return the status and body
     */
    String[] rest(String method, String path, String body) throws IOException, InterruptedException {
        String base = connect.endpointForResource("");
        java.net.URI uri = java.net.URI.create(base.replaceAll("/+$", "") + path);
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json").header("Accept", "application/json");
        request.method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new String[] {String.valueOf(response.statusCode()), response.body()};
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public void close() {
        connect.stop();
    }
}
