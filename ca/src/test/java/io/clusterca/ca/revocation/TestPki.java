package io.clusterca.ca.revocation;

import io.clusterca.ca.net.IpAddresses;
import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.authority.PublicEndpoints;
import io.clusterca.ca.crypto.KeyAlgorithm;
import java.net.InetAddress;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;

/** CAs and leaves for tests, issued the way the service issues them. */
final class TestPki {
    static final String KUBELET_CLIENT = "kubernetes.io/kube-apiserver-client-kubelet";
    /** One leaf key is enough: revocation never looks at the key, and EC key generation is not free. */
    static final PublicKey LEAF_KEY = KeyAlgorithm.ECDSA_P256.generate().getPublic();

    private TestPki() {}

    static CertificateAuthority root(CaName name, Instant now) {
        return CertificateAuthority.createRoot(name, KeyAlgorithm.ECDSA_P384, now);
    }

    static X509Certificate leaf(CertificateAuthority ca, Instant now, String subject, List<String> dnsNames,
                                List<String> ips) {
        List<InetAddress> addresses = ips.stream().map(ip -> IpAddresses.parse(ip).orElseThrow()).toList();
        LeafSpec spec = new LeafSpec(KUBELET_CLIENT, ca.name(), new X500Name(subject), dnsNames, addresses,
                List.of(), List.of(), Set.of(ExtendedKeyUsage.CLIENT_AUTH), LEAF_KEY, Optional.empty());
        return ca.sign(spec, now, Duration.ofDays(4), Duration.ofDays(4), PublicEndpoints.NONE);
    }

    static X509Certificate kubelet(CertificateAuthority ca, Instant now, String node) {
        return leaf(ca, now, "O=system:nodes,CN=system:node:" + node, List.of(node + ".nodes.cluster.local"),
                List.of("10.0.0.7"));
    }

    static String serial(X509Certificate certificate) {
        return CertificateAuthority.serialHex(certificate.getSerialNumber());
    }
}
