package io.clusterca.ca.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.authority.PublicEndpoints;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/** Renewal keeps an identity: the pure comparison of a presented certificate with a new CSR. */
class RenewalIdentityTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final CertificateAuthority CA = CertificateAuthority.createRoot(CaName.KUBERNETES_CA, KeyAlgorithm.ECDSA_P256, NOW);
    private static final String SUBJECT = "CN=system:node:n1,O=system:nodes";

    private static X509Certificate cert(String... ips) throws Exception {
        KeyPair keys = KeyAlgorithm.ECDSA_P256.generate();
        List<InetAddress> addresses = new java.util.ArrayList<>();
        for (String ip : ips) {
            addresses.add(InetAddress.getByName(ip));
        }
        LeafSpec spec = new LeafSpec("kubernetes.io/kubelet-serving", CaName.KUBERNETES_CA, new X500Name(SUBJECT),
                List.of("n1"), addresses, List.of(), List.of(), Set.of(ExtendedKeyUsage.SERVER_AUTH), keys.getPublic(), Optional.empty());
        return CA.sign(spec, NOW, Duration.ofDays(1), Duration.ofDays(1), PublicEndpoints.NONE);
    }

    private static PKCS10CertificationRequest csr(String subject, String... ips) throws Exception {
        KeyPair keys = KeyAlgorithm.ECDSA_P256.generate();
        GeneralName[] names = new GeneralName[ips.length + 1];
        names[0] = new GeneralName(GeneralName.dNSName, "n1");
        for (int i = 0; i < ips.length; i++) {
            names[i + 1] = new GeneralName(GeneralName.iPAddress, ips[i]);
        }
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.BC).build(keys.getPrivate()));
    }

    @Test
    void theSameSubjectAndSansIncludingIpv6ContinueTheIdentity() throws Exception {
        assertEquals(Optional.empty(), Renewals.identityMismatch(cert("10.0.0.5", "fd00::1"), csr(SUBJECT, "10.0.0.5", "fd00::1")));
    }

    @Test
    void anotherIpAddressIsRefusedNamingBoth() throws Exception {
        String reason = Renewals.identityMismatch(cert("fd00::1"), csr(SUBJECT, "fd00::2")).orElseThrow();
        assertTrue(reason.contains("fd00::1") && reason.contains("fd00::2"), reason);
    }

    @Test
    void anotherSubjectIsRefused() throws Exception {
        String reason = Renewals.identityMismatch(cert(), csr("CN=system:node:n2,O=system:nodes")).orElseThrow();
        assertTrue(reason.startsWith("renewal must keep the subject"), reason);
    }
}
