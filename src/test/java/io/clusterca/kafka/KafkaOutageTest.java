package io.clusterca.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.ledger.InMemoryLedger;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka goes away and comes back (a broker in a child JVM, killed and restarted on the same port and
 * log directory): nothing published meanwhile is lost, not even across a restart of the publisher.
 */
class KafkaOutageTest {
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static ChildProcessKafka broker;
    private static Vertx vertx;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new ChildProcessKafka(dir.resolve("kafka"));
        broker.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (vertx != null) {
            vertx.close().await();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static KafkaIntegration start(KafkaSettings settings, InMemoryLedger ledger) {
        return KafkaIntegration.start(vertx, settings, dir.resolve(settings.replicaId()), ledger, KafkaTestData.FAST_RETRY, Clock.systemUTC());
    }

    @Test
    void everythingPublishedWhileKafkaIsDownIsDeliveredOnceItIsBack() throws Exception {
        KafkaSettings settingsA = KafkaTestData.settings(broker.bootstrapServers(), "replica-a");
        InMemoryLedger ledgerA = new InMemoryLedger();
        InMemoryLedger ledgerB = new InMemoryLedger();
        KafkaIntegration replicaB = start(settingsA.withReplicaId("replica-b"), ledgerB);
        KafkaIntegration firstRun = start(settingsA, ledgerA);
        KafkaIntegration secondRun = null;
        try {
            // Before the outage: delivered as usual.
            IntStream.rangeClosed(1, 20).forEach(n -> firstRun.events().publish(KafkaTestData.issued(n)));
            IntStream.rangeClosed(1, 10).forEach(n -> firstRun.ledger().append(KafkaTestData.entry(n)));
            Await.until(DELIVERY, () -> ledgerB.entries().size() == 10 && firstRun.status().backlog() == 0,
                    () -> "delivered before the outage: " + firstRun.status());

            broker.kill();
            IntStream.rangeClosed(21, 60).forEach(n -> firstRun.events().publish(KafkaTestData.issued(n)));
            IntStream.rangeClosed(11, 30).forEach(n -> firstRun.ledger().append(KafkaTestData.entry(n)));
            assertEquals(30, ledgerA.entries().size(), "issuance goes on locally while Kafka is down");
            assertTrue(firstRun.status().backlog() > 0, "undelivered records wait in the outbox");

            // The publisher restarts during the outage: its backlog is on disk.
            firstRun.close().await();
            KafkaIntegration restarted = start(settingsA, ledgerA);
            secondRun = restarted;
            assertTrue(restarted.status().backlog() > 0, "the backlog survived the publisher's restart");

            broker.start();
            Await.until(DELIVERY, () -> restarted.status().backlog() == 0 && ledgerB.entries().size() == 30,
                    () -> "delivered after the outage: " + restarted.status() + ", replica B has " + ledgerB.entries().size());
        } finally {
            firstRun.close().await();
            if (secondRun != null) {
                secondRun.close().await();
            }
            replicaB.close().await();
        }

        // Events: at least once, none lost.
        List<ConsumerRecord<String, String>> events = TopicReader.readAll(broker.bootstrapServers(), settingsA.eventsTopic());
        Set<String> eventIds = events.stream().map(r -> KafkaTestData.eventId(r.value())).collect(Collectors.toSet());
        assertEquals(IntStream.rangeClosed(1, 60).mapToObj(n -> "event-" + n).collect(Collectors.toSet()), eventIds);

        // Ledger: the compacted view holds each serial exactly once, with the entry as issued.
        Map<String, String> ledger = TopicReader.latestByKey(TopicReader.readAll(broker.bootstrapServers(), settingsA.ledgerTopic()));
        assertEquals(IntStream.rangeClosed(1, 30).boxed().collect(Collectors.toMap(KafkaTestData::serial,
                n -> LedgerEntryJson.encode(KafkaTestData.entry(n)))), ledger);
        assertEquals(ledgerA.entries().stream().collect(Collectors.toMap(e -> e.serial(), Function.identity())),
                ledgerB.entries().stream().collect(Collectors.toMap(e -> e.serial(), Function.identity())));
    }
}
