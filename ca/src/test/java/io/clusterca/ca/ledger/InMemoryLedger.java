package io.clusterca.ca.ledger;

import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.revocation.CertificateFacts;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

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
        LedgerEntry entry = entryOf(certificate, signerName, ca, requester, Instant.now());
        append(entry);
        return entry;
    }

    /** The entry issuance writes for {@code certificate} (IPv6 in the JDK's full form, as the issuer writes it). */
    public static LedgerEntry entryOf(X509Certificate certificate, String signerName, String ca, String requester,
                                      Instant issuedAt) {
        CertificateFacts facts = CertificateFacts.of(certificate);
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cn = subject.getRDNs(BCStyle.CN);
        String commonName = cn.length == 0 ? "" : IETFUtils.valueToString(cn[0].getFirst().getValue());
        return new LedgerEntry(CertificateAuthority.serialHex(certificate.getSerialNumber()), signerName, ca,
                subject.toString(), commonName, facts.organizations(), facts.dnsNames(),
                facts.ipAddresses().stream().map(java.net.InetAddress::getHostAddress).toList(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), requester, issuedAt);
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
