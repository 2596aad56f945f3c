package io.clusterca.ca.issuance;

import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.CertificateNames;
import io.clusterca.ca.net.IpAddresses;
import io.clusterca.ca.authority.SubjectNames;
import io.clusterca.ca.ledger.Ledger;
import io.clusterca.ca.ledger.LedgerEntry;
import io.clusterca.ca.policy.CertificateRequest;
import io.clusterca.ca.policy.CsrFacts;
import io.clusterca.ca.policy.MalformedCsrException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Renewal: the holder of a current certificate (proven by mutual TLS) gets a new one for the same
 * identity. The presented certificate must be ours (in the ledger) and pass the checks (not
 * revoked); the request must keep its subject and SANs under the same signer. The signer's content
 * rules (key strength, proof of possession, lifetime) still apply.
 */
public final class Renewals {
    private final Ledger ledger;
    private final Issuer issuer;
    private final PresentedCertificateCheck check;

    public Renewals(Ledger ledger, Issuer issuer, PresentedCertificateCheck check) {
        this.ledger = ledger;
        this.issuer = issuer;
        this.check = check;
    }

    public Issuance renew(X509Certificate presented, PKCS10CertificationRequest csr, Optional<Duration> expiration) {
        String serial = CertificateAuthority.serialHex(presented.getSerialNumber());
        Optional<LedgerEntry> entry = ledger.bySerial(serial);
        if (entry.isEmpty()) {
            return new Issuance.Refused("certificate " + serial + " was not issued by this ClusterCA");
        }
        Optional<String> refused = check.refuse(presented);
        if (refused.isPresent()) {
            return new Issuance.Refused(refused.get());
        }
        Optional<String> mismatch = identityMismatch(presented, csr);
        if (mismatch.isPresent()) {
            return new Issuance.Refused(mismatch.get());
        }
        String holder = SubjectNames.commonName(SubjectNames.subjectOf(presented)).orElse(serial);
        return issuer.renew(new CertificateRequest(entry.get().signerName(), csr, Optional.empty(), expiration, Optional.empty()),
                holder + " (renewing " + serial + ")");
    }

    /** Pure: the reason a CSR does not continue the presented certificate's identity, if it does not. */
    static Optional<String> identityMismatch(X509Certificate presented, PKCS10CertificationRequest csr) {
        CsrFacts facts;
        try {
            facts = CsrFacts.of(csr);
        } catch (MalformedCsrException e) {
            return Optional.of("malformed certificate request: " + e.getMessage());
        }
        X500Name current = SubjectNames.subjectOf(presented);
        if (!current.equals(facts.subject())) {
            return Optional.of("renewal must keep the subject " + current + ", the request asks for " + facts.subject());
        }
        Set<String> currentDns = lower(CertificateNames.dnsNames(presented));
        Set<String> requestedDns = lower(facts.dnsNames());
        if (!currentDns.equals(requestedDns)) {
            return Optional.of("renewal must keep the DNS names " + currentDns + ", the request asks for " + requestedDns);
        }
        Set<String> currentIps = new TreeSet<>(CertificateNames.ipAddresses(presented));
        Set<String> requestedIps = facts.ipAddresses().stream().map(IpAddresses::format).collect(Collectors.toCollection(TreeSet::new));
        if (!currentIps.equals(requestedIps)) {
            return Optional.of("renewal must keep the IP addresses " + currentIps + ", the request asks for " + requestedIps);
        }
        return Optional.empty();
    }

    private static Set<String> lower(Collection<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    }
}
