package io.clusterca.ca.ledger;

import java.util.List;
import java.util.Optional;

/**
 * The issuance ledger: every certificate the service issued. {@link #append} returns only once the
 * entry is durable, so a certificate is never handed out that the ledger could forget. Thread-safe.
 */
public interface Ledger extends AutoCloseable {
    /** Durably records {@code entry}; blocks until it is on disk (group commit allowed). */
    void append(LedgerEntry entry);

    Optional<LedgerEntry> bySerial(String serialHex);

    /** The most recently issued certificate of an identity ({@link LedgerEntry#identity()}). */
    Optional<LedgerEntry> latest(String identity);

    /** Every entry, in issuance order. */
    List<LedgerEntry> entries();

    /** Entries learned from elsewhere (another replica through Kafka): indexed, written once, never re-published. */
    default void merge(LedgerEntry entry) {
        if (bySerial(entry.serial()).isEmpty()) {
            append(entry);
        }
    }

    @Override
    void close();
}
