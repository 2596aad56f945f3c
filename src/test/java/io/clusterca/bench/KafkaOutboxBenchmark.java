package io.clusterca.bench;

import io.clusterca.ca.events.Event;
import io.clusterca.ca.events.EventType;
import io.clusterca.ca.ledger.InMemoryLedger;
import io.clusterca.kafka.KafkaIntegration;
import io.clusterca.kafka.KafkaSettings;
import io.clusterca.kafka.outbox.Outbox;
import io.clusterca.kafka.outbox.OutboxSettings;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second through the durable outbox to a real Kafka 4.2 broker (in-process KRaft, acks=all,
 * idempotent producer). An operation is one event: appended and fsynced in the outbox, then
 * acknowledged by Kafka (each invocation publishes a burst and waits until Kafka has acknowledged it).
 * Also the outbox append alone, one and eight appending threads (group commit).
 *
 * <p>{@code mvn -o -Pbench test-compile exec:exec -Dbench.args=KafkaOutboxBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-Djava.util.logging.config.file=src/test/resources/logging.properties"})
public class KafkaOutboxBenchmark {
    private static final int BURST = 500;

    @State(Scope.Benchmark)
    public static class Broker {
        KafkaClusterTestKit cluster;
        Vertx vertx;
        KafkaIntegration kafka;
        Path dataDir;
        final AtomicLong published = new AtomicLong();

        @Setup(Level.Trial)
        public void start() throws Exception {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                    .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            vertx = Vertx.vertx();
            dataDir = Files.createTempDirectory("clusterca-bench");
            kafka = KafkaIntegration.start(vertx, KafkaSettings.of(cluster.bootstrapServers()).withReplicaId("bench"),
                    dataDir, new InMemoryLedger());
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            kafka.close().await();
            vertx.close().await();
            cluster.close();
            deleteTree(dataDir);
        }

        void awaitSent(long target) {
            while (kafka.events().stats().sent() < target) {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    @State(Scope.Benchmark)
    public static class LocalOutbox {
        Path dir;
        Outbox outbox;
        final String value = "{\"type\":\"certificate.issued\",\"time\":\"2026-11-22T10:15:30Z\",\"id\":\"0b5f5c6e-1f0e-4a8e-9c55-3f1f2c1d9e7a\","
                + "\"key\":\"4f2a9c\",\"serial\":\"4f2a9c\",\"facts\":{\"commonName\":\"system:node:node-1\"}}";

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("clusterca-outbox-bench");
            outbox = Outbox.open(OutboxSettings.defaults(dir), Clock.systemUTC());
        }

        @Setup(Level.Iteration)
        public void drain() {
            outbox.acknowledge(Long.MAX_VALUE); // keep the disk bound out of the measurement
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            outbox.close();
            deleteTree(dir);
        }
    }

    private static Event event(long n) {
        String serial = Long.toHexString(0x4f2a000000L + n);
        return new Event("bench-" + n, EventType.CERTIFICATE_ISSUED, Instant.now(), Optional.of(serial),
                Map.of("serial", serial, "commonName", "system:node:node-" + n, "signerName", "kubernetes.io/kubelet-serving"));
    }

    /** One thread issuing: every publish waits for its own fsync. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public void publishToKafkaOneThread(Broker broker) {
        publishBurst(broker);
    }

    /** Eight threads issuing at once: their fsyncs are shared (group commit). */
    @Benchmark
    @Threads(8)
    @OperationsPerInvocation(BURST)
    public void publishToKafkaEightThreads(Broker broker) {
        publishBurst(broker);
    }

    private static void publishBurst(Broker broker) {
        for (int i = 0; i < BURST; i++) {
            broker.kafka.events().publish(event(broker.published.incrementAndGet()));
        }
        broker.awaitSent(broker.published.get());
    }

    @Benchmark
    public long outboxAppendOneThread(LocalOutbox local) {
        return local.outbox.append(Optional.of("4f2a9c"), local.value);
    }

    @Benchmark
    @Threads(8)
    public long outboxAppendEightThreads(LocalOutbox local) {
        return local.outbox.append(Optional.of("4f2a9c"), local.value);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
