package io.clusterca.ca.authority;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.keystore.InMemoryKeyVault;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaHierarchyTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void createsTheThreeKubeadmRootsOnFirstStart() {
        CaHierarchy cas = CaHierarchy.loadOrCreate(dataDir, new InMemoryKeyVault(), KeyAlgorithm.ECDSA_P256, NOW);
        assertEquals("CN=kubernetes", cas.get(CaName.KUBERNETES_CA).certificate().getSubjectX500Principal().getName());
        assertEquals("CN=etcd-ca", cas.get(CaName.ETCD_CA).certificate().getSubjectX500Principal().getName());
        assertEquals("CN=front-proxy-ca", cas.get(CaName.FRONT_PROXY_CA).certificate().getSubjectX500Principal().getName());
    }

    @Test
    void rootsAreTenYearCaCertificatesThatMaySignCertificatesAndCrls() {
        X509Certificate root = CaHierarchy.loadOrCreate(dataDir, new InMemoryKeyVault(), KeyAlgorithm.ECDSA_P256, NOW)
                .get(CaName.KUBERNETES_CA).certificate();
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints());
        boolean[] ku = root.getKeyUsage();
        assertTrue(ku[0] && ku[5] && ku[6], "digitalSignature, keyCertSign, cRLSign");
        assertEquals(NOW.plus(Duration.ofDays(3650)), root.getNotAfter().toInstant());
        assertTrue(root.getExtensionValue("2.5.29.14") != null, "subject key identifier");
    }

    @Test
    void aRestartLoadsTheSameCertificatesAndKeys() throws Exception {
        InMemoryKeyVault vault = new InMemoryKeyVault();
        CaHierarchy first = CaHierarchy.loadOrCreate(dataDir, vault, KeyAlgorithm.ECDSA_P256, NOW);
        CaHierarchy second = CaHierarchy.loadOrCreate(dataDir, vault, KeyAlgorithm.ECDSA_P256, NOW.plusSeconds(3600));
        for (CaName name : CaName.values()) {
            assertArrayEquals(first.get(name).certificate().getEncoded(), second.get(name).certificate().getEncoded());
            assertArrayEquals(first.get(name).privateKey().getEncoded(), second.get(name).privateKey().getEncoded());
        }
    }

    @Test
    void aCertificateWhoseSealedKeyIsMissingIsAClearError() {
        InMemoryKeyVault vault = new InMemoryKeyVault();
        CaHierarchy.loadOrCreate(dataDir, vault, KeyAlgorithm.ECDSA_P256, NOW);
        vault.delete("ca/etcd-ca");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CaHierarchy.loadOrCreate(dataDir, vault, KeyAlgorithm.ECDSA_P256, NOW));
        assertTrue(e.getMessage().contains("ca/etcd-ca"), e.getMessage());
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsRefused() {
        InMemoryKeyVault vault = new InMemoryKeyVault();
        CaHierarchy.loadOrCreate(dataDir, vault, KeyAlgorithm.ECDSA_P256, NOW);
        vault.put("ca/etcd-ca", KeyAlgorithm.ECDSA_P256.generate().getPrivate());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CaHierarchy.loadOrCreate(dataDir, vault, KeyAlgorithm.ECDSA_P256, NOW));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }
}
