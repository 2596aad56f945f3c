package io.clusterca.kafka.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One record waiting in the outbox for delivery.
 *
 * @param sequence   position in the outbox, from 1, gap-free, in append order
 * @param appendedAt when it was appended (used as the Kafka record timestamp, so late delivery keeps the real time)
 * @param key        the Kafka record key, when there is one
 * @param value      the record value (JSON text)
 */
public record OutboxRecord(long sequence, Instant appendedAt, Optional<String> key, String value) {
    public OutboxRecord {
        Objects.requireNonNull(appendedAt, "appendedAt");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
