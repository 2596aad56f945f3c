package io.clusterca.kafka;

import io.clusterca.kafka.outbox.OutboxStats;
import java.util.Optional;

/**
 * Delivery of one outbox to one topic, for {@code /metrics} and {@code /readyz?verbose}.
 *
 * @param topic     the Kafka topic
 * @param sent      records Kafka acknowledged (acks=all) since start
 * @param failed    record deliveries that failed since start (each is retried: this counts attempts)
 * @param outbox    the outbox behind it: pending backlog, disk use, records dropped over its bound
 * @param lastError the last delivery error, while delivery is failing
 */
public record DeliveryStats(String topic, long sent, long failed, OutboxStats outbox, Optional<String> lastError) {
    /** Records waiting for delivery: the backlog. */
    public long pending() {
        return outbox.pending();
    }
}
