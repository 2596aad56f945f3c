package io.clusterca.ca.ledger;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link Ledger} for tests: same contract as the durable one, kept in memory. Thread-safe. */
public final class InMemoryLedger implements Ledger {
    private final Map<String, LedgerEntry> bySerial = new LinkedHashMap<>();
    private final Map<String, LedgerEntry> latest = new HashMap<>();
    private boolean closed;

    @Override
    public synchronized void append(LedgerEntry entry) {
        if (closed) {
            throw new IllegalStateException("ledger is closed");
        }
        if (bySerial.containsKey(entry.serial())) {
            throw new IllegalArgumentException("serial " + entry.serial() + " is already in the ledger");
        }
        bySerial.put(entry.serial(), entry);
        latest.merge(entry.identity(), entry, (old, now) -> now.issuedAt().isBefore(old.issuedAt()) ? old : now);
    }

    @Override
    public synchronized void merge(LedgerEntry entry) {
        if (!bySerial.containsKey(entry.serial())) {
            append(entry);
        }
    }

    @Override
    public synchronized Optional<LedgerEntry> bySerial(String serialHex) {
        return Optional.ofNullable(bySerial.get(serialHex));
    }

    @Override
    public synchronized Optional<LedgerEntry> latest(String identity) {
        return Optional.ofNullable(latest.get(identity));
    }

    @Override
    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(bySerial.values());
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
