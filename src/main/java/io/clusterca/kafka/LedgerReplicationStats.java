package io.clusterca.kafka;

import java.util.Optional;

/**
 * The shared ledger on this replica, for {@code /metrics} and {@code /readyz?verbose}.
 *
 * @param published delivery of locally issued entries to {@code <prefix>ledger}
 * @param merged    entries read from the topic and merged (including this replica's own, which are no-ops)
 * @param rejected  records on the topic that did not decode and were skipped
 * @param readError the last error reading the topic, while reading fails
 */
public record LedgerReplicationStats(DeliveryStats published, long merged, long rejected, Optional<String> readError) {}
