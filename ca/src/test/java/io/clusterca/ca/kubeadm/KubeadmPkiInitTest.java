package io.clusterca.ca.kubeadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.kubeadm.InitResult.Action;
import io.clusterca.ca.kubeadm.InitResult.FileOutcome;
import io.clusterca.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init} over a pki directory that already holds files: kubeadm's keep-or-refuse, plus overwrite. */
class KubeadmPkiInitTest {
    @TempDir
    Path pki;

    private final Instant now = Instant.now();
    private final Map<CaName, CertificateAuthority> cas = TestPki.cas(now);

    @Test
    void secondInitKeepsEveryValidFileByteForByte() throws Exception {
        TestPki.init(pki, cas, now);
        Map<Path, String> before = snapshot();

        InitResult second = TestPki.init(pki, cas, now.plusSeconds(60));

        assertTrue(second.files().stream().allMatch(f -> f.action() == Action.KEPT), second::toString);
        assertEquals(before, snapshot());
    }

    @Test
    void recreatesOnlyTheLeafThatWasDeleted() throws Exception {
        TestPki.init(pki, cas, now);
        Files.delete(pki.resolve("etcd/peer.crt"));
        Files.delete(pki.resolve("etcd/peer.key"));

        InitResult second = TestPki.init(pki, cas, now);

        assertEquals(Map.of("etcd-peer", Action.CREATED), changed(second));
        Openssl.ok(pki, "verify", "-CAfile", "etcd/ca.crt", "etcd/peer.crt");
    }

    @Test
    void writesAMissingCaKeyNextToAnExistingMatchingCaCertificate() throws Exception {
        TestPki.init(pki, cas, now);
        Files.delete(pki.resolve("front-proxy-ca.key"));

        InitResult second = TestPki.init(pki, cas, now);

        assertEquals(Map.of("front-proxy-ca", Action.CREATED), changed(second));
        assertEquals(Openssl.ok(pki, "x509", "-noout", "-pubkey", "-in", "front-proxy-ca.crt"),
                Openssl.ok(pki, "pkey", "-in", "front-proxy-ca.key", "-pubout"));
    }

    @Test
    void refusesFilesOfAnotherHierarchyAndWritesNothing() throws Exception {
        TestPki.init(pki, TestPki.cas(now), now);
        Map<Path, String> before = snapshot();

        PkiConflictException e = assertThrows(PkiConflictException.class, () -> TestPki.init(pki, cas, now));

        assertTrue(e.conflicts().get(0).startsWith("ca holds a different CA (CN=kubernetes"), e.getMessage());
        assertTrue(e.conflicts().contains("apiserver is not signed by ClusterCA's kubernetes-ca"), e.getMessage());
        assertEquals(10, e.conflicts().size(), e.getMessage());
        assertEquals(before, snapshot());
    }

    @Test
    void overwriteReplacesFilesOfAnotherHierarchy() {
        TestPki.init(pki, TestPki.cas(now), now);

        InitResult result = new KubeadmPki(pki).init(cas, TestPki.settings(), now,
                InitOptions.defaults().withLeafKeyAlgorithm(KeyAlgorithm.ECDSA_P256).withOverwrite(true));

        assertTrue(result.files().stream().allMatch(f -> f.action() == Action.REPLACED), result::toString);
        for (KubeadmCert cert : KubeadmCert.values()) {
            Openssl.ok(pki, "verify", "-CAfile", TestPki.caFile(cert), cert.baseName() + ".crt");
        }
    }

    @Test
    void refusesToKeepAnApiServerCertificateThatLacksANewlyConfiguredSan() {
        TestPki.init(pki, cas, now);
        ClusterSettings more = TestPki.settings().withApiServerCertSans(List.of("api.example.com", "lb.example.com"));

        PkiConflictException e = assertThrows(PkiConflictException.class,
                () -> new KubeadmPki(pki).init(cas, more, KeyAlgorithm.ECDSA_P256, now, TestPki.VALIDITY));

        assertEquals(List.of("apiserver lacks subject alternative names lb.example.com"), e.conflicts());
    }

    @Test
    void refusesToKeepAnExpiredLeaf() {
        Instant past = now.minus(Duration.ofDays(40));
        TestPki.init(pki, cas, past);

        PkiConflictException e = assertThrows(PkiConflictException.class, () -> TestPki.init(pki, cas, now));

        assertEquals(7, e.conflicts().size(), e.getMessage());
        assertTrue(e.conflicts().get(0).startsWith("apiserver expired at "), e.getMessage());
    }

    @Test
    void refusesALeafWhoseKeyFileIsMissing() throws Exception {
        TestPki.init(pki, cas, now);
        Files.delete(pki.resolve("apiserver-etcd-client.key"));

        PkiConflictException e = assertThrows(PkiConflictException.class, () -> TestPki.init(pki, cas, now));

        assertEquals(List.of("apiserver-etcd-client key file is missing but its certificate exists"), e.conflicts());
    }

    @Test
    void refusesAGarbledCertificateWithTheFileAndTheParserReason() throws Exception {
        TestPki.init(pki, cas, now);
        Files.writeString(pki.resolve("apiserver.crt"), "not a certificate\n");

        PkiConflictException e = assertThrows(PkiConflictException.class, () -> TestPki.init(pki, cas, now));

        assertEquals(List.of("apiserver " + pki.resolve("apiserver.crt") + ": no PEM CERTIFICATE found"),
                e.conflicts());
    }

    @Test
    void leafKeysFollowTheIssuingCaAlgorithmUnlessToldOtherwise() {
        Map<CaName, CertificateAuthority> p384 = TestPki.cas(KeyAlgorithm.ECDSA_P384, now);

        new KubeadmPki(pki).init(p384, TestPki.settings(), now, InitOptions.defaults());

        assertTrue(Openssl.x509Text(pki, "apiserver.crt").contains("ASN1 OID: secp384r1"));
        assertTrue(Openssl.x509Text(pki, "apiserver.crt").contains("ecdsa-with-SHA384"));
    }

    @Test
    void rsa4096KubernetesCaSignsAnEcdsaLeafThatOpensslVerifies() {
        Map<CaName, CertificateAuthority> mixed = new EnumMap<>(cas);
        mixed.put(CaName.KUBERNETES_CA, CertificateAuthority.createRoot(CaName.KUBERNETES_CA, KeyAlgorithm.RSA_4096, now));

        TestPki.init(pki, mixed, now);

        Openssl.ok(pki, "verify", "-CAfile", "ca.crt", "apiserver.crt");
        String text = Openssl.x509Text(pki, "apiserver.crt");
        assertTrue(text.contains("Signature Algorithm: sha256WithRSAEncryption"), text);
        assertTrue(text.contains("ASN1 OID: prime256v1"), text);
        assertTrue(TestPki.read(pki.resolve("ca.key")).startsWith("-----BEGIN RSA PRIVATE KEY-----"),
                "kubeadm's PKCS#1 encoding for RSA");
    }

    @Test
    void handsTheServiceAccountKeyPathsToTheHookAfterTheCertificates() {
        List<Path> seen = new ArrayList<>();
        InitOptions options = InitOptions.defaults().withServiceAccountKeys((key, pub) -> {
            assertTrue(Files.exists(pki.resolve("apiserver.crt")), "certificates come first");
            seen.add(key);
            seen.add(pub);
        });

        new KubeadmPki(pki).init(cas, TestPki.settings(), now, options);

        assertEquals(List.of(pki.resolve("sa.key"), pki.resolve("sa.pub")), seen);
    }

    @Test
    void refusesWhenARootIsNotGiven() {
        Map<CaName, CertificateAuthority> two = new EnumMap<>(cas);
        two.remove(CaName.ETCD_CA);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestPki.init(pki, two, now));

        assertEquals("no CA given for etcd-ca", e.getMessage());
        assertTrue(Files.notExists(pki.resolve("ca.crt")), "nothing written");
    }

    @Test
    void newLeavesGetNewKeysEvenWithinOneInit() {
        TestPki.init(pki, cas, now);

        assertNotEquals(TestPki.read(pki.resolve("etcd/server.key")), TestPki.read(pki.resolve("etcd/peer.key")));
    }

    private static Map<String, Action> changed(InitResult result) {
        return result.files().stream().filter(f -> f.action() != Action.KEPT)
                .collect(Collectors.toMap(FileOutcome::name, FileOutcome::action));
    }

    private Map<Path, String> snapshot() throws Exception {
        try (Stream<Path> files = Files.walk(pki)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(p -> p, TestPki::read));
        }
    }
}
