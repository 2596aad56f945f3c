package io.clusterca.ca.policy;

import static io.clusterca.ca.policy.Csrs.csr;
import static io.clusterca.ca.policy.Decisions.approved;
import static io.clusterca.ca.policy.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.authority.PublicEndpoints;
import io.clusterca.ca.crypto.KeyAlgorithm;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** What an approved spec turns into once a CA signs it: the CSR cannot make itself a CA. */
class LeafSpecSigningTest {
    @Test
    void aCsrAskingForCaTrueIsApprovedAndSignedAsCaFalse() throws Exception {
        LeafSpec spec = approved(StandardProfiles.etcdServer().evaluate(request(SignerNames.ETCD_SERVER,
                csr().cn("cp-1").dns("cp-1").requestCa()
                        .extension(org.bouncycastle.asn1.x509.Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign))
                        .build()).build()));
        CertificateAuthority ca = CertificateAuthority.createRoot(CaName.ETCD_CA, KeyAlgorithm.ECDSA_P256, Instant.now());

        X509Certificate leaf = ca.sign(spec, Instant.now(), Duration.ofHours(1), Duration.ofDays(4), PublicEndpoints.NONE);

        assertEquals(-1, leaf.getBasicConstraints());
        assertFalse(leaf.getKeyUsage()[5], "keyCertSign must not be carried over from the CSR");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage().stream().sorted().toList());
    }
}
