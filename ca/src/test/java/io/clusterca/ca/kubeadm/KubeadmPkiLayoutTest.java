package io.clusterca.ca.kubeadm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.kubeadm.InitResult.Action;
import io.clusterca.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What one {@code init} writes, checked with openssl: the files kube-apiserver and etcd will read. */
class KubeadmPkiLayoutTest {
    @TempDir
    static Path pki;

    static Map<CaName, CertificateAuthority> cas;
    static Instant now;
    static InitResult result;

    @BeforeAll
    static void init() {
        now = Instant.now();
        cas = TestPki.cas(now);
        result = TestPki.init(pki, cas, now);
    }

    @Test
    void createsTheThreeCaPairsAndTheSevenLeavesInKubeadmOrder() {
        assertEquals(List.of("ca", "front-proxy-ca", "etcd-ca", "apiserver", "apiserver-kubelet-client",
                        "front-proxy-client", "etcd-server", "etcd-peer", "etcd-healthcheck-client",
                        "apiserver-etcd-client"),
                result.files().stream().map(InitResult.FileOutcome::name).toList());
        assertTrue(result.files().stream().allMatch(f -> f.action() == Action.CREATED), result::toString);
    }

    @ParameterizedTest
    @EnumSource(KubeadmCert.class)
    void everyLeafVerifiesAgainstItsOwnCaFile(KubeadmCert cert) {
        String out = Openssl.ok(pki, "verify", "-CAfile", TestPki.caFile(cert), cert.baseName() + ".crt");
        assertEquals(cert.baseName() + ".crt: OK", out.trim());
    }

    @Test
    void etcdLeavesDoNotVerifyAgainstTheKubernetesCa() {
        assertNotEquals(0, Openssl.run(pki, "verify", "-CAfile", "ca.crt", "etcd/server.crt").exitCode());
        assertNotEquals(0, Openssl.run(pki, "verify", "-CAfile", "ca.crt", "front-proxy-client.crt").exitCode());
    }

    @ParameterizedTest
    @EnumSource(KubeadmCa.class)
    void caFilesAreTheGivenRootsWithTheirKeys(KubeadmCa ca) throws Exception {
        X509Certificate given = cas.get(ca.caName()).certificate();
        X509Certificate written = Pem.certificate(TestPki.read(pki.resolve(ca.baseName() + ".crt")));
        assertArrayEquals(given.getEncoded(), written.getEncoded());
        String fromKey = Openssl.ok(pki, "pkey", "-in", ca.baseName() + ".key", "-pubout");
        String fromCert = Openssl.ok(pki, "x509", "-noout", "-pubkey", "-in", ca.baseName() + ".crt");
        assertEquals(fromCert, fromKey);
    }

    @ParameterizedTest
    @EnumSource(KubeadmCert.class)
    void everyLeafIsCaFalseWithTheUsagesKubeadmGivesIt(KubeadmCert cert) {
        String text = Openssl.x509Text(pki, cert.baseName() + ".crt");
        assertTrue(text.contains("CA:FALSE"), text);
        assertEquals(cert.extendedKeyUsages().contains(ExtendedKeyUsage.SERVER_AUTH),
                text.contains("TLS Web Server Authentication"), text);
        assertEquals(cert.extendedKeyUsages().contains(ExtendedKeyUsage.CLIENT_AUTH),
                text.contains("TLS Web Client Authentication"), text);
    }

    @Test
    void apiServerCertificateNamesTheKubernetesServiceTheNodeAndTheExtraSans() {
        String text = Openssl.x509Text(pki, "apiserver.crt");
        for (String san : new String[] {"DNS:kubernetes", "DNS:kubernetes.default", "DNS:kubernetes.default.svc",
                "DNS:kubernetes.default.svc.cluster.local", "DNS:cp-1", "DNS:api.example.com",
                "IP Address:10.96.0.1", "IP Address:192.168.10.5", "IP Address:203.0.113.7"}) {
            assertTrue(text.contains(san), () -> san + " missing in\n" + text);
        }
    }

    @ParameterizedTest
    @EnumSource(value = KubeadmCert.class, names = {"ETCD_SERVER", "ETCD_PEER"})
    void etcdServingCertificatesNameTheNodeAndBothLoopbacks(KubeadmCert cert) {
        String text = Openssl.x509Text(pki, cert.baseName() + ".crt");
        for (String san : new String[] {"DNS:cp-1", "DNS:localhost", "IP Address:192.168.10.5",
                "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1"}) {
            assertTrue(text.contains(san), () -> san + " missing in\n" + text);
        }
        assertEquals("subject=CN = cp-1", Openssl.ok(pki, "x509", "-noout", "-subject", "-in",
                cert.baseName() + ".crt").trim());
    }

    @Test
    void clientCertificatesCarryCurrentKubeadmSubjects() {
        assertEquals("subject=O = kubeadm:cluster-admins, CN = kube-apiserver-kubelet-client", subject("apiserver-kubelet-client"));
        assertEquals("subject=CN = kube-apiserver-etcd-client", subject("apiserver-etcd-client"));
        assertEquals("subject=CN = kube-etcd-healthcheck-client", subject("etcd/healthcheck-client"));
        assertEquals("subject=CN = front-proxy-client", subject("front-proxy-client"));
        assertEquals("subject=CN = kube-apiserver", subject("apiserver"));
    }

    @ParameterizedTest
    @EnumSource(KubeadmCert.class)
    void validityIsTheRequestedDuration(KubeadmCert cert) {
        String end = Openssl.ok(pki, "x509", "-noout", "-enddate", "-in", cert.baseName() + ".crt").trim();
        Instant notAfter = DateTimeFormatter.ofPattern("'notAfter='MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ENGLISH)
                .withZone(ZoneOffset.UTC).parse(end, Instant::from);
        Duration error = Duration.between(now.plus(TestPki.VALIDITY), notAfter).abs();
        assertTrue(error.compareTo(Duration.ofSeconds(1)) <= 0, () -> end + " vs " + now.plus(TestPki.VALIDITY));
    }

    @ParameterizedTest
    @EnumSource(KubeadmCert.class)
    void keyFilesAreOwnerOnlyAndOpensslReadsThemAsTheCertificatesKey(KubeadmCert cert) throws Exception {
        Path key = pki.resolve(cert.baseName() + ".key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(pki.resolve(cert.baseName() + ".crt"))));
        assertTrue(TestPki.read(key).startsWith("-----BEGIN EC PRIVATE KEY-----"), "kubeadm's SEC 1 encoding");
        String fromKey = Openssl.ok(pki, "pkey", "-in", cert.baseName() + ".key", "-pubout");
        String fromCert = Openssl.ok(pki, "x509", "-noout", "-pubkey", "-in", cert.baseName() + ".crt");
        assertEquals(fromCert, fromKey);
    }

    @Test
    void caKeysAreOwnerOnly() throws Exception {
        for (String base : new String[] {"ca", "front-proxy-ca", "etcd/ca"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(pki.resolve(base + ".key"))), base);
            Openssl.ok(pki, "pkey", "-in", base + ".key", "-noout");
        }
    }

    private static String subject(String baseName) {
        return Openssl.ok(pki, "x509", "-noout", "-subject", "-in", baseName + ".crt").trim();
    }
}
