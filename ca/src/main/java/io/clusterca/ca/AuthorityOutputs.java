package io.clusterca.ca;

import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.ledger.FileLedger;
import io.clusterca.ca.ledger.Ledger;

/**
 * Where the authority's facts go: the event sink, the ledger issuance appends to (the local file
 * ledger, or a replicated one that also publishes to Kafka), and the local file ledger that every
 * read resolves against. {@code resources} is closed with the authority.
 */
public record AuthorityOutputs(EventSink events, Ledger issuanceLedger, FileLedger localLedger, AutoCloseable resources) {
    /** The embedded default: the local ledger, events to {@code events}. */
    public static AuthorityOutputs local(FileLedger ledger, EventSink events, AutoCloseable resources) {
        return new AuthorityOutputs(events, ledger, ledger, resources);
    }
}
