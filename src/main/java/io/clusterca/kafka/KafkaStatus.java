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

    /**
     * The {@code /readyz?verbose} line: not-ready topics and a failing ledger read are reported, not fatal
     * (issuance goes on locally and the outbox keeps what Kafka has not acknowledged), so an operator reads why here.
     */
    public String readinessLine(String replicaId) {
        StringBuilder line = new StringBuilder("kafka, replica ").append(replicaId);
        if (topicsReady) {
            line.append(", backlog ").append(backlog());
        } else {
            line.append(", topics not ready (").append(topicError.orElse("connecting")).append("), backlog ")
                    .append(backlog()).append(" kept in the outbox");
        }
        ledger.readError().ifPresent(error -> line.append(", reading the ledger topic fails: ").append(error));
        return line.toString();
    }
}
