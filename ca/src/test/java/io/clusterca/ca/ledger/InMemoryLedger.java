package io.clusterca.ca.ledger;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A ledger for tests: everything in memory, nothing durable. */
public final class InMemoryLedger implements Ledger {
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final Map<String, LedgerEntry> bySerial = new HashMap<>();
    private final Map<String, LedgerEntry> latest = new HashMap<>();

    @Override
    public synchronized void append(LedgerEntry entry) {
        if (bySerial.putIfAbsent(entry.serial(), entry) != null) {
            throw new IllegalArgumentException("serial " + entry.serial() + " is already in the ledger");
        }
        entries.add(entry);
        latest.put(entry.identity(), entry);
    }

    /** Records {@code certificate} as {@code ca} issued it for {@code signerName}, requested by {@code requester}. */
    public LedgerEntry record(X509Certificate certificate, String signerName, String ca, String requester) {
        LedgerEntry entry = LedgerEntries.of(certificate, signerName, ca, requester, Instant.now());
        append(entry);
        return entry;
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
    public void close() {
    }
}
