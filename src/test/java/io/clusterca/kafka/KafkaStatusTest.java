package io.clusterca.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterca.kafka.outbox.OutboxStats;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaStatusTest {
    private static DeliveryStats delivery(String topic, long pending) {
        return new DeliveryStats(topic, 10, 0, new OutboxStats(pending, 0, 1 << 20, 0, 10 + pending, 10), Optional.empty());
    }

    @Test
    void aHealthyStreamNamesTheReplicaAndTheBacklog() {
        KafkaStatus status = new KafkaStatus(true, Optional.empty(), delivery("clusterca.events", 2),
                new LedgerReplicationStats(delivery("clusterca.ledger", 1), 5, 0, Optional.empty()));

        assertEquals("kafka, replica node-a-0a1b2c3d4e5f, backlog 3", status.readinessLine("node-a-0a1b2c3d4e5f"));
    }

    @Test
    void topicsNotReadyAreExplainedAndTheBacklogIsSaidToWait() {
        KafkaStatus status = new KafkaStatus(false, Optional.of("Kafka unreachable"), delivery("clusterca.events", 4),
                new LedgerReplicationStats(delivery("clusterca.ledger", 0), 0, 0, Optional.empty()));

        assertEquals("kafka, replica r1, topics not ready (Kafka unreachable), backlog 4 kept in the outbox",
                status.readinessLine("r1"));
    }

    @Test
    void aFailingLedgerReadIsShownSoAFencedReplicaIsNoticed() {
        KafkaStatus status = new KafkaStatus(true, Optional.empty(), delivery("clusterca.events", 0),
                new LedgerReplicationStats(delivery("clusterca.ledger", 0), 0, 0,
                        Optional.of("org.apache.kafka.common.errors.FencedInstanceIdException: fenced")));

        assertEquals("kafka, replica r1, backlog 0, reading the ledger topic fails: "
                + "org.apache.kafka.common.errors.FencedInstanceIdException: fenced", status.readinessLine("r1"));
    }
}
