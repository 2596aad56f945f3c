package io.clusterca.ca.revocation;

import io.clusterca.ca.net.IpAddresses;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.ledger.LedgerEntry;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * What revocation rules look at in a certificate, whether it exists (an X.509 certificate, a ledger
 * entry) or is about to be issued (a request, which has no serial yet). DNS rules match subject
 * alternative names only, never the CN, as Go's TLS stack and so Kubernetes have done since Go 1.15.
 *
 * @param organizations subject O values: the groups Kubernetes derives from a client certificate
 * @param notBefore     the certificate's notBefore (for a request: the notBefore it would get)
 */
public record CertificateFacts(Optional<String> serial, List<String> organizations, List<String> dnsNames,
                               List<InetAddress> ipAddresses, Instant notBefore) {
    public CertificateFacts {
        organizations = List.copyOf(organizations);
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    public static CertificateFacts of(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        byte[] san = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (san != null) {
            GeneralNames names = GeneralNames.getInstance(ASN1OctetString.getInstance(san).getOctets());
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() == GeneralName.dNSName) {
                    dns.add(((ASN1String) name.getName()).getString());
                } else if (name.getTagNo() == GeneralName.iPAddress) {
                    byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
                    // 8 or 32 octets are name-constraint ranges, which have no place in a leaf's SAN.
                    if (octets.length == 4 || octets.length == 16) {
                        ips.add(IpAddresses.fromBytes(octets));
                    }
                }
            }
        }
        return new CertificateFacts(
                Optional.of(CertificateAuthority.serialHex(certificate.getSerialNumber())),
                organizations(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())),
                dns, ips, certificate.getNotBefore().toInstant());
    }

    /** From the ledger; IP texts the ledger cannot have written (it stores parsed addresses) are skipped. */
    public static CertificateFacts of(LedgerEntry entry) {
        List<InetAddress> ips = entry.ipAddresses().stream().map(IpAddresses::parse)
                .flatMap(Optional::stream).toList();
        return new CertificateFacts(Optional.of(entry.serial()), entry.organizations(), entry.dnsNames(), ips,
                entry.notBefore());
    }

    /**
     * A certificate the CA is about to sign from {@code spec} at {@code now}: its notBefore will be
     * backdated by {@link CertificateAuthority#BACKDATE}, so rules are checked against that instant.
     */
    public static CertificateFacts ofRequest(LeafSpec spec, Instant now) {
        return new CertificateFacts(Optional.empty(), organizations(spec.subject()), spec.dnsNames(),
                spec.ipAddresses(), now.minus(CertificateAuthority.BACKDATE));
    }

    private static List<String> organizations(X500Name subject) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : subject.getRDNs(BCStyle.O)) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(BCStyle.O) && atv.getValue() instanceof ASN1String s) {
                    out.add(s.getString());
                }
            }
        }
        return out;
    }
}
