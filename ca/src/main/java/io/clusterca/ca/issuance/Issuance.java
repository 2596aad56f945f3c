package io.clusterca.ca.issuance;

import io.clusterca.ca.ledger.LedgerEntry;
import java.security.cert.X509Certificate;
import java.util.List;

/** The outcome of a request: a certificate recorded in the ledger, or a refusal naming its rule. */
public sealed interface Issuance {
    /** @param chain leaf first, then the issuing CA */
    record Issued(X509Certificate certificate, List<X509Certificate> chain, LedgerEntry entry) implements Issuance {
        public Issued {
            chain = List.copyOf(chain);
        }
    }

    record Refused(String reason) implements Issuance {}
}
