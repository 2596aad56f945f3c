package io.clusterca.kafka;

import java.util.Optional;

/**
 * Everything {@code /metrics} and {@code /readyz?verbose} need about Kafka.
 *
 * @param topicsReady the topics were checked (and created if needed); delivery runs only after that
 * @param topicError  why they are not ready yet: Kafka unreachable, or a missing ACL / wrong policy
 *                    (with the command that fixes it)
 * @param events      delivery of events to {@code <prefix>events}
 * @param ledger      the shared ledger: publishing and reading {@code <prefix>ledger}
 */
public record KafkaStatus(boolean topicsReady, Optional<String> topicError, DeliveryStats events, LedgerReplicationStats ledger) {
    /** Undelivered records in both outboxes. */
    public long backlog() {
        return events.pending() + ledger.published().pending();
    }
}
