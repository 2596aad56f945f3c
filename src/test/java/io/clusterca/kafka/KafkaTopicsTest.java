package io.clusterca.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaTopicsTest {
    @RegisterExtension
    static final InProcessKafka KAFKA = new InProcessKafka();

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    /** Asks the broker, once the new topic's metadata has reached it (creation returns a moment before). */
    private static <T> T whenVisible(Callable<T> question) {
        AtomicReference<T> answer = new AtomicReference<>();
        Await.until(Duration.ofSeconds(10), () -> {
            try {
                answer.set(question.call());
                return true;
            } catch (Exception notYet) {
                return false;
            }
        }, () -> "topic visible");
        return answer.get();
    }

    private static String cleanupPolicy(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = whenVisible(() -> admin.describeConfigs(List.of(resource)).all().get().get(resource));
        return config.get("cleanup.policy").value();
    }

    @Test
    void createsTheEventsTopicAndACompactedLedgerTopic() {
        KafkaSettings settings = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");

        List<String> created = KafkaTopics.ensure(admin, settings);

        assertEquals(List.of(settings.eventsTopic(), settings.ledgerTopic()), created);
        assertEquals("compact", cleanupPolicy(settings.ledgerTopic()));
        assertEquals("delete", cleanupPolicy(settings.eventsTopic()));
    }

    @Test
    void leavesTopicsThatAlreadyExistAsTheyAre() {
        KafkaSettings settings = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");
        KafkaTopics.ensure(admin, settings);

        assertEquals(List.of(), KafkaTopics.ensure(admin, settings.withReplicaId("replica-b")));
    }

    @Test
    void refusesALedgerTopicThatIsNotCompacted() throws Exception {
        KafkaSettings settings = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a");
        admin.createTopics(List.of(new NewTopic(settings.ledgerTopic(), Optional.empty(), Optional.empty()))).all().get();

        KafkaTopicException refused = assertThrows(KafkaTopicException.class, () -> KafkaTopics.ensure(admin, settings));

        assertTrue(refused.getMessage().contains(settings.ledgerTopic() + " has cleanup.policy=delete"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--add-config cleanup.policy=compact"), refused.getMessage());
    }

    @Test
    void createsTopicsWithTheConfiguredReplicationFactor() {
        KafkaSettings settings = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a").withReplicationFactor((short) 1);

        KafkaTopics.ensure(admin, settings);

        assertEquals(1, whenVisible(() -> admin.describeTopics(List.of(settings.ledgerTopic())).allTopicNames().get())
                .get(settings.ledgerTopic()).partitions().get(0).replicas().size());
    }

    @Test
    void refusesAReplicationFactorTheClusterCannotHold() {
        KafkaSettings settings = KafkaTestData.settings(KAFKA.bootstrapServers(), "replica-a").withReplicationFactor((short) 3);

        KafkaTopicException refused = assertThrows(KafkaTopicException.class, () -> KafkaTopics.ensure(admin, settings));

        assertTrue(refused.getMessage().startsWith("cannot create Kafka topic " + settings.eventsTopic()), refused.getMessage());
    }

    @Test
    void explainsAMissingCreateAclWithTheTopicAndTheCommandThatGrantsIt() {
        String message = KafkaTopics.explainDenied("clusterca.ledger", "Create", new TopicAuthorizationException("denied"));

        assertTrue(message.contains("refused to create topic clusterca.ledger"), message);
        assertTrue(message.contains("kafka-topics.sh --create --topic clusterca.ledger --config cleanup.policy=compact"), message);
        assertTrue(message.contains("--operation Create --topic clusterca.ledger"), message);
    }

    @Test
    void explainsAMissingClusterCreateAclWithAClusterGrant() {
        String message = KafkaTopics.explainDenied("clusterca.events", "Create", new ClusterAuthorizationException("denied"));

        assertTrue(message.contains("refused to create topic clusterca.events"), message);
        assertTrue(message.contains("--operation Create --cluster"), message);
    }
}
