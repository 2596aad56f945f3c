package io.clusterca.kafka.outbox;

/**
 * The outbox's size and loss counters, for {@code /metrics} and {@code /readyz?verbose}.
 *
 * @param pending      records appended (durably) and not yet acknowledged as delivered
 * @param bytes        disk used by segment files
 * @param maxBytes     the bound on {@code bytes}; beyond it the oldest undelivered segment is dropped
 * @param dropped      records dropped undelivered to keep disk use under {@code maxBytes} (since start)
 * @param lastSequence the last appended sequence
 * @param acknowledged the last acknowledged (delivered or dropped) sequence
 */
public record OutboxStats(long pending, long bytes, long maxBytes, long dropped, long lastSequence, long acknowledged) {
    /** True when the backlog uses more than 80 % of its disk bound: Kafka has been unreachable for long. */
    public boolean nearlyFull() {
        return bytes > maxBytes / 10 * 8;
    }
}
