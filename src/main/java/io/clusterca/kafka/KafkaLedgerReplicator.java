package io.clusterca.kafka;

import io.clusterca.ca.ledger.Ledger;
import io.clusterca.kafka.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;

/**
 * Shares the issuance ledger between replicas through the compacted topic {@code <prefix>ledger}
 * (key = serial, value = {@link LedgerEntryJson}): every entry appended through {@link #ledger()}
 * goes through the ledger outbox to the topic (none lost while Kafka is down), and the topic is read
 * from the beginning by this replica's own consumer group into {@link Ledger#merge}, so revocation
 * by rule, CRL and OCSP answer the same on every replica.
 */
public final class KafkaLedgerReplicator {
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ReplicatedLedger ledger;
    private final LedgerTopicConsumer consumer;

    KafkaLedgerReplicator(Vertx vertx, KafkaSettings settings, Ledger local, Outbox outbox,
                          KafkaProducer<String, String> producer, Backoff backoff) {
        this.outbox = outbox;
        this.relay = new OutboxRelay(vertx, outbox, producer, settings.ledgerTopic(), backoff, OutboxRelay.DEFAULT_BATCH);
        this.ledger = new ReplicatedLedger(local, outbox, relay::wake);
        this.consumer = new LedgerTopicConsumer(vertx, settings, local, backoff);
    }

    /** The ledger the CA should append to: local, durable, and published to the other replicas. */
    public Ledger ledger() {
        return ledger;
    }

    public LedgerReplicationStats stats() {
        return new LedgerReplicationStats(relay.stats(), consumer.merged(), consumer.rejected(), consumer.lastError());
    }

    /** Local entries not yet on the topic. */
    public long backlog() {
        return outbox.pendingCount();
    }

    void start() {
        relay.start();
        consumer.start();
    }

    Future<Void> stopReading() {
        return consumer.stop();
    }

    Future<Void> stopPublishing() {
        return relay.stop();
    }
}
