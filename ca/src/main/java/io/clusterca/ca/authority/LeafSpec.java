package io.clusterca.ca.authority;

import java.net.InetAddress;
import java.net.URI;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Everything a policy has approved about a leaf certificate: who it names, what it may be used for
 * and which key it certifies. The CA adds serial, validity, key identifiers and CA:FALSE itself, so
 * nothing in a CSR can make a leaf a CA.
 *
 * @param validity the lifetime asked for; the CA caps it at its maximum and at its own notAfter
 */
public record LeafSpec(
        String signerName,
        CaName ca,
        X500Name subject,
        List<String> dnsNames,
        List<InetAddress> ipAddresses,
        List<String> emailAddresses,
        List<URI> uris,
        Set<ExtendedKeyUsage> extendedKeyUsages,
        PublicKey publicKey,
        Optional<Duration> validity) {

    public LeafSpec {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        emailAddresses = List.copyOf(emailAddresses);
        uris = List.copyOf(uris);
        extendedKeyUsages = Set.copyOf(extendedKeyUsages);
    }

    public boolean hasSubjectAltNames() {
        return !dnsNames.isEmpty() || !ipAddresses.isEmpty() || !emailAddresses.isEmpty() || !uris.isEmpty();
    }
}
