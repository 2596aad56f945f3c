package io.clusterca.ca.ledger;

import io.clusterca.ca.authority.CertificateNames;
import io.clusterca.ca.authority.SubjectNames;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;

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

    /** The entry for a certificate as issued: subject, CN, O and SANs are read from the certificate itself. */
    public static LedgerEntry of(X509Certificate cert, String signerName, String ca, String requester, Instant issuedAt) {
        X500Name subject = SubjectNames.subjectOf(cert);
        return new LedgerEntry(cert.getSerialNumber().toString(16), signerName, ca, subject.toString(),
                SubjectNames.commonName(subject).orElse(""), SubjectNames.organizations(subject),
                CertificateNames.dnsNames(cert), CertificateNames.ipAddresses(cert),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), requester, issuedAt);
    }

    /** The identity key: the same CN under the same signer is the same identity across renewals. */
    public String identity() {
        return signerName + "|" + commonName;
    }
}
