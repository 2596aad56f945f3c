package io.clusterca.ca.ledger;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A thread-safe in-memory Ledger for tests that are not about durability. */
public final class InMemoryLedger implements Ledger {
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final Map<String, LedgerEntry> bySerial = new HashMap<>();
    private final Map<String, LedgerEntry> latest = new HashMap<>();
    private boolean closed;

    @Override
    public synchronized void append(LedgerEntry entry) {
        if (closed) {
            throw new IllegalStateException("ledger is closed");
        }
        if (bySerial.putIfAbsent(entry.serial(), entry) != null) {
            throw new IllegalArgumentException("serial " + entry.serial() + " is already in the ledger");
        }
        entries.add(entry);
        latest.merge(entry.identity(), entry, (old, now) -> now.issuedAt().isBefore(old.issuedAt()) ? old : now);
    }

    @Override
    public synchronized void merge(LedgerEntry entry) {
        if (!bySerial.containsKey(entry.serial())) {
            append(entry);
        }
    }

    /** Records {@code certificate} as {@code ca} issued it for {@code signerName}, requested by {@code requester}. */
    public LedgerEntry record(X509Certificate certificate, String signerName, String ca, String requester) {
        LedgerEntry entry = entryOf(certificate, signerName, ca, requester, Instant.now());
        append(entry);
        return entry;
    }

    /** The entry issuance writes for {@code certificate}. */
    public static LedgerEntry entryOf(X509Certificate certificate, String signerName, String ca, String requester,
                                      Instant issuedAt) {
        return LedgerEntry.of(certificate, signerName, ca, requester, issuedAt);
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
        return List.copyOf(entries);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
