package io.clusterca.ca.ledger;

import java.time.Instant;
import java.util.List;

/**
 * One issued certificate as the ledger remembers it: enough to resolve revocation rules (serial,
 * organizations, DNS and IP SANs, notBefore) and to answer "the latest certificate of this identity".
 *
 * @param serial       lowercase hex without colons
 * @param commonName   subject CN; with {@code signerName} it is the identity a renewal continues
 * @param organizations subject O values (the "groups" revocation rules match)
 * @param requester    who asked ({@code admin} for offline CLI signing)
 */
public record LedgerEntry(
        String serial,
        String signerName,
        String ca,
        String subject,
        String commonName,
        List<String> organizations,
        List<String> dnsNames,
        List<String> ipAddresses,
        Instant notBefore,
        Instant notAfter,
        String requester,
        Instant issuedAt) {

    public LedgerEntry {
        organizations = List.copyOf(organizations);
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /** The identity key: the same CN under the same signer is the same identity across renewals. */
    public String identity() {
        return signerName + "|" + commonName;
    }
}
