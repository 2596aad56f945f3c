package io.clusterca.ca.ledger;

import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.revocation.CertificateFacts;
import io.clusterca.ca.revocation.IpAddresses;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Builds the ledger entry a certificate would get, for tests (the real one is written at issuance). */
public final class LedgerEntries {
    private LedgerEntries() {}

    public static LedgerEntry of(X509Certificate certificate, String signerName, String ca, String requester,
                                 Instant issuedAt) {
        CertificateFacts facts = CertificateFacts.of(certificate);
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cn = subject.getRDNs(BCStyle.CN);
        String commonName = cn.length == 0 ? "" : IETFUtils.valueToString(cn[0].getFirst().getValue());
        return new LedgerEntry(CertificateAuthority.serialHex(certificate.getSerialNumber()), signerName, ca,
                subject.toString(), commonName, facts.organizations(), facts.dnsNames(),
                facts.ipAddresses().stream().map(IpAddresses::format).toList(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), requester, issuedAt);
    }
}
