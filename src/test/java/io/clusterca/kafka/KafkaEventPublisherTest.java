package io.clusterca.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.clusterca.ca.events.Event;
import io.clusterca.ca.ledger.InMemoryLedger;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class KafkaEventPublisherTest {
    @RegisterExtension
    static final InProcessKafka KAFKA = new InProcessKafka();
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private static Vertx vertx;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    private static KafkaIntegration start(KafkaSettings settings, Path dataDir) {
        return KafkaIntegration.start(vertx, settings, dataDir, new InMemoryLedger(), KafkaTestData.FAST_RETRY, Clock.systemUTC());
    }

    private static void awaitDelivered(KafkaIntegration kafka, long events) {
        Await.until(DELIVERY, () -> kafka.status().events().sent() >= events && kafka.events().backlog() == 0,
                () -> "all " + events + " events delivered, status " + kafka.status());
    }

    @Test
    void everyPublishedEventArrivesAsOneRecordWithTypeTimeIdAndSerial() throws Exception {
        KafkaSettings settings = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");
        KafkaIntegration kafka = start(settings, dataDir);
        int count = 200;
        try {
            IntStream.rangeClosed(1, count).forEach(n -> kafka.events().publish(KafkaTestData.issued(n)));
            awaitDelivered(kafka, count);
        } finally {
            kafka.close().await();
        }

        List<ConsumerRecord<String, String>> records = TopicReader.readAll(KAFKA.bootstrapServers(), settings.eventsTopic());
        assertEquals(count, records.size());
        for (ConsumerRecord<String, String> record : records) {
            Map<String, Object> json = JSONObjectUtils.parse(record.value());
            int n = Integer.parseInt(((String) json.get("id")).substring("event-".length()));
            Event sent = KafkaTestData.issued(n);
            assertEquals("certificate.issued", json.get("type"));
            assertEquals(sent.time().toString(), json.get("time"));
            assertEquals(KafkaTestData.serial(n), json.get("serial"));
            assertEquals(KafkaTestData.serial(n), record.key(), "the record key is the serial");
        }
        assertEquals(IntStream.rangeClosed(1, count).mapToObj(n -> "event-" + n).collect(Collectors.toSet()),
                records.stream().map(r -> KafkaTestData.eventId(r.value())).collect(Collectors.toSet()));
    }

    @Test
    void keepsTheOrderOfEventsWithTheSameKey() throws Exception {
        KafkaSettings settings = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");
        KafkaIntegration kafka = start(settings, dataDir);
        try {
            for (int n = 1; n <= 50; n++) {
                Event event = KafkaTestData.issued(n);
                kafka.events().publish(new Event(event.id(), event.type(), event.time(), Optional.of("same-key"), event.facts()));
            }
            awaitDelivered(kafka, 50);
        } finally {
            kafka.close().await();
        }

        List<String> ids = TopicReader.readAll(KAFKA.bootstrapServers(), settings.eventsTopic()).stream()
                .map(r -> KafkaTestData.eventId(r.value())).toList();
        assertEquals(IntStream.rangeClosed(1, 50).mapToObj(n -> "event-" + n).toList(), ids);
    }

    @Test
    void eventsPublishedWhileKafkaWasUnreachableAreDeliveredByTheNextRun() throws Exception {
        KafkaSettings reachable = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");
        KafkaSettings unreachable = new KafkaSettings("127.0.0.1:1", reachable.topicPrefix(), Map.of(),
                reachable.replicationFactor(), reachable.replicaId());

        KafkaIntegration offline = start(unreachable, dataDir);
        IntStream.rangeClosed(1, 40).forEach(n -> offline.events().publish(KafkaTestData.issued(n)));
        assertEquals(40, offline.events().backlog());
        assertTrue(offline.status().topicError().isPresent(), "the status says why nothing is delivered");
        offline.close().await();

        KafkaIntegration online = start(reachable, dataDir);
        try {
            assertEquals(40, online.events().backlog(), "the backlog survived the restart");
            awaitDelivered(online, 40);
        } finally {
            online.close().await();
        }

        Set<String> ids = TopicReader.readAll(KAFKA.bootstrapServers(), reachable.eventsTopic()).stream()
                .map(r -> KafkaTestData.eventId(r.value())).collect(Collectors.toSet());
        assertEquals(IntStream.rangeClosed(1, 40).mapToObj(n -> "event-" + n).collect(Collectors.toSet()), ids);
    }

    @Test
    void deliversNothingAndSaysWhyWhileTheLedgerTopicIsNotCompacted() throws Exception {
        KafkaSettings settings = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(settings.ledgerTopic(), Optional.empty(), Optional.empty()))).all().get();
        }
        KafkaIntegration kafka = start(settings, dataDir);
        try {
            kafka.events().publish(KafkaTestData.issued(1));

            Await.until(DELIVERY, () -> kafka.status().topicError().orElse("").contains("cleanup.policy=delete"),
                    () -> "the status names the misconfigured topic: " + kafka.status());
            assertEquals(1, kafka.events().backlog(), "the event waits in the outbox");
            assertEquals(0, kafka.status().events().sent());
        } finally {
            kafka.close().await();
        }
    }

    @Test
    void publishingOnAnEventLoopIsDeliveredToo() {
        KafkaSettings settings = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");
        KafkaIntegration kafka = start(settings, dataDir);
        try {
            vertx.runOnContext(v -> kafka.events().publish(KafkaTestData.issued(1)));
            awaitDelivered(kafka, 1);
        } finally {
            kafka.close().await();
        }

        assertEquals(List.of("event-1"), TopicReader.readAll(KAFKA.bootstrapServers(), settings.eventsTopic()).stream()
                .map(r -> KafkaTestData.eventId(r.value())).toList());
    }
}
