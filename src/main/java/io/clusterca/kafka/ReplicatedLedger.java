package io.clusterca.kafka;

import io.clusterca.ca.ledger.Ledger;
import io.clusterca.ca.ledger.LedgerEntry;
import io.clusterca.kafka.outbox.Outbox;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Ledger} shared with other replicas: {@link #append} records the entry in the local ledger,
 * then durably in the ledger outbox, which the relay delivers to the compacted topic
 * {@code <prefix>ledger}; {@link #merge} (entries learned from that topic) goes to the local ledger
 * only, so nothing is published twice. Reads are local.
 *
 * <p>A crash between the two fsyncs of {@code append} leaves an entry in the local ledger that is
 * never published (the certificate it stands for was not handed out either, since append had not
 * returned): other replicas then do not know that serial.
 */
public final class ReplicatedLedger implements Ledger {
    private final Ledger local;
    private final Outbox outbox;
    private final Runnable appended;

    /**
     * @param appended called after each append reached the outbox (wakes the relay)
     */
    public ReplicatedLedger(Ledger local, Outbox outbox, Runnable appended) {
        this.local = local;
        this.outbox = outbox;
        this.appended = appended;
    }

    @Override
    public void append(LedgerEntry entry) {
        local.append(entry);
        outbox.append(Optional.of(entry.serial()), LedgerEntryJson.encode(entry));
        appended.run();
    }

    @Override
    public void merge(LedgerEntry entry) {
        local.merge(entry);
    }

    @Override
    public Optional<LedgerEntry> bySerial(String serialHex) {
        return local.bySerial(serialHex);
    }

    @Override
    public Optional<LedgerEntry> latest(String identity) {
        return local.latest(identity);
    }

    @Override
    public List<LedgerEntry> entries() {
        return local.entries();
    }

    /** Closes the local ledger; the outbox belongs to the replicator. */
    @Override
    public void close() {
        local.close();
    }
}
