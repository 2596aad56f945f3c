package io.clusterca.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
    @Test
    void namesTopicsAndTheLedgerGroupFromThePrefix() {
        KafkaSettings settings = KafkaSettings.of("kafka:9092").withReplicaId("clusterca-0");

        assertEquals("clusterca.events", settings.eventsTopic());
        assertEquals("clusterca.ledger", settings.ledgerTopic());
        assertEquals("clusterca.ledger-clusterca-0", settings.ledgerGroupId());
        assertEquals("prod.ledger", settings.withTopicPrefix("prod.").ledgerTopic());
    }

    @Test
    void parsesKafkaPropertyArguments() {
        assertEquals(Map.entry("security.protocol", "SSL"), KafkaSettings.parseProperty("security.protocol=SSL"));
        assertEquals(Map.entry("sasl.jaas.config", "a=b c=d"), KafkaSettings.parseProperty("sasl.jaas.config=a=b c=d"));
        assertThrows(IllegalArgumentException.class, () -> KafkaSettings.parseProperty("security.protocol"));
        assertThrows(IllegalArgumentException.class, () -> KafkaSettings.parseProperty("=SSL"));
    }

    @Test
    void passesExtraPropertiesToEveryClient() {
        KafkaSettings settings = KafkaSettings.of("kafka:9093").withClientProperties(Map.of("security.protocol", "SSL"));

        assertEquals("SSL", settings.producerConfig().get("security.protocol"));
        assertEquals("SSL", settings.consumerConfig().get("security.protocol"));
        assertEquals("SSL", settings.adminConfig().get("security.protocol"));
    }

    @Test
    void producesWithAcksAllAndIdempotence() {
        Map<String, String> producer = KafkaSettings.of("kafka:9092").producerConfig();

        assertEquals("all", producer.get("acks"));
        assertEquals("true", producer.get("enable.idempotence"));
    }

    @Test
    void readsTheLedgerFromTheBeginningWithoutCreatingTopics() {
        Map<String, String> consumer = KafkaSettings.of("kafka:9092").withReplicaId("r1").consumerConfig();

        assertEquals("earliest", consumer.get("auto.offset.reset"));
        assertEquals("false", consumer.get("enable.auto.commit"));
        assertEquals("false", consumer.get("allow.auto.create.topics"));
        assertEquals("clusterca.ledger-r1", consumer.get("group.id"));
        assertEquals("r1", consumer.get("group.instance.id"));
    }

    @Test
    void refusesPropertiesThatWouldWeakenDelivery() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> KafkaSettings.of("kafka:9092").withClientProperties(Map.of("acks", "1")));

        assertTrue(refused.getMessage().contains("acks is set by ClusterCA"), refused.getMessage());
    }

    @Test
    void refusesATopicPrefixKafkaWouldReject() {
        assertThrows(IllegalArgumentException.class, () -> KafkaSettings.of("kafka:9092").withTopicPrefix("cluster ca/"));
        assertThrows(IllegalArgumentException.class, () -> KafkaSettings.of(" "));
    }
}
