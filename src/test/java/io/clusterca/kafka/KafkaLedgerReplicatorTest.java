package io.clusterca.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.ledger.InMemoryLedger;
import io.clusterca.ca.ledger.LedgerEntry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KafkaLedgerReplicatorTest {
    @RegisterExtension
    static final InProcessKafka KAFKA = new InProcessKafka();
    private static final Duration REPLICATION = Duration.ofSeconds(30);

    private static Vertx vertx;
    private final List<KafkaIntegration> started = new ArrayList<>();

    @TempDir
    Path dataDirs;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    @AfterEach
    void stopReplicas() {
        started.forEach(replica -> replica.close().await());
    }

    private KafkaIntegration replica(KafkaSettings settings, InMemoryLedger local) {
        KafkaIntegration replica = KafkaIntegration.start(vertx, settings, dataDirs.resolve(settings.replicaId()), local,
                KafkaTestData.FAST_RETRY, Clock.systemUTC());
        started.add(replica);
        return replica;
    }

    private static void awaitEntry(InMemoryLedger ledger, LedgerEntry entry) {
        Await.until(REPLICATION, () -> ledger.bySerial(entry.serial()).isPresent(), () -> "entry " + entry.serial() + " replicated");
    }

    @Test
    void anEntryAppendedOnOneReplicaAppearsOnTheOther() {
        KafkaSettings a = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");
        InMemoryLedger ledgerA = new InMemoryLedger();
        InMemoryLedger ledgerB = new InMemoryLedger();
        KafkaIntegration replicaA = replica(a, ledgerA);
        replica(a.withReplicaId("replica-b"), ledgerB);

        replicaA.ledger().append(KafkaTestData.entry(1));

        awaitEntry(ledgerB, KafkaTestData.entry(1));
        assertEquals(Optional.of(KafkaTestData.entry(1)), ledgerB.bySerial(KafkaTestData.serial(1)));
        assertEquals(Optional.of(KafkaTestData.entry(1)), ledgerB.latest(KafkaTestData.entry(1).identity()));
    }

    @Test
    void entriesFlowBothWaysAndEachReplicaEndsWithTheWholeLedger() {
        KafkaSettings a = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");
        InMemoryLedger ledgerA = new InMemoryLedger();
        InMemoryLedger ledgerB = new InMemoryLedger();
        KafkaIntegration replicaA = replica(a, ledgerA);
        KafkaIntegration replicaB = replica(a.withReplicaId("replica-b"), ledgerB);

        IntStream.rangeClosed(1, 20).forEach(n -> (n % 2 == 0 ? replicaA : replicaB).ledger().append(KafkaTestData.entry(n)));

        Await.until(REPLICATION, () -> ledgerA.entries().size() == 20 && ledgerB.entries().size() == 20,
                () -> "20 entries on both, got " + ledgerA.entries().size() + " and " + ledgerB.entries().size());
        IntStream.rangeClosed(1, 20).forEach(n -> {
            assertEquals(Optional.of(KafkaTestData.entry(n)), ledgerA.bySerial(KafkaTestData.serial(n)));
            assertEquals(Optional.of(KafkaTestData.entry(n)), ledgerB.bySerial(KafkaTestData.serial(n)));
        });
    }

    @Test
    void mergedEntriesAreNotPublishedAgain() {
        KafkaSettings a = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");
        InMemoryLedger ledgerB = new InMemoryLedger();
        KafkaIntegration replicaA = replica(a, new InMemoryLedger());
        KafkaIntegration replicaB = replica(a.withReplicaId("replica-b"), ledgerB);

        replicaA.ledger().append(KafkaTestData.entry(1));
        awaitEntry(ledgerB, KafkaTestData.entry(1));
        replicaA.ledger().append(KafkaTestData.entry(2));
        awaitEntry(ledgerB, KafkaTestData.entry(2)); // B has read past entry 1 by now

        List<ConsumerRecord<String, String>> records = TopicReader.readAll(KAFKA.bootstrapServers(), a.ledgerTopic());
        assertEquals(List.of(KafkaTestData.serial(1), KafkaTestData.serial(2)),
                records.stream().map(ConsumerRecord::key).sorted().toList());
        assertEquals(0, replicaB.status().ledger().published().sent());
    }

    @Test
    void aReplicaStartedLaterLearnsTheWholeLedgerFromTheBeginning() {
        KafkaSettings a = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");
        KafkaIntegration replicaA = replica(a, new InMemoryLedger());
        IntStream.rangeClosed(1, 10).forEach(n -> replicaA.ledger().append(KafkaTestData.entry(n)));
        Await.until(REPLICATION, () -> replicaA.replicator().backlog() == 0, () -> "replica A published its entries");

        InMemoryLedger late = new InMemoryLedger();
        replica(a.withReplicaId("replica-late"), late);

        Await.until(REPLICATION, () -> late.entries().size() == 10, () -> "10 entries on the late replica, got " + late.entries().size());
    }

    @Test
    void skipsARecordThatIsNotALedgerEntryAndKeepsReplicating() {
        KafkaSettings a = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");
        KafkaIntegration replicaA = replica(a, new InMemoryLedger());
        InMemoryLedger ledgerB = new InMemoryLedger();
        KafkaIntegration replicaB = replica(a.withReplicaId("replica-b"), ledgerB);
        Await.until(REPLICATION, () -> replicaA.status().topicsReady(), () -> "topics ready");
        try (KafkaProducer<String, String> stranger = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            stranger.send(new ProducerRecord<>(a.ledgerTopic(), KafkaTestData.serial(99), "{\"not\":\"an entry\"}"));
        }

        replicaA.ledger().append(KafkaTestData.entry(1));

        awaitEntry(ledgerB, KafkaTestData.entry(1));
        Await.until(REPLICATION, () -> replicaB.status().ledger().rejected() == 1, () -> "the bad record counted");
        assertTrue(ledgerB.bySerial(KafkaTestData.serial(99)).isEmpty());
    }
}
