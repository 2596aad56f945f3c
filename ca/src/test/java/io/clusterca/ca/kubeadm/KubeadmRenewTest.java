package io.clusterca.ca.kubeadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code certs renew NAME|all}: kubeadm's renewal from the local CA, checked with openssl. */
class KubeadmRenewTest {
    @TempDir
    Path pki;

    private final Instant issued = Instant.now().minus(Duration.ofDays(3));
    private final Instant now = Instant.now();
    private final Map<CaName, CertificateAuthority> cas = TestPki.cas(issued);
    private KubeadmPki kubeadm;

    @BeforeEach
    void init() {
        TestPki.init(pki, cas, issued);
        kubeadm = new KubeadmPki(pki);
    }

    @Test
    void keepsSubjectSansAndUsagesAndChangesTheSerial() {
        String before = Openssl.x509Text(pki, "apiserver.crt");
        X509Certificate old = TestPki.certificate(pki, KubeadmCert.APISERVER);

        List<RenewalOutcome> out = kubeadm.renew("apiserver", cas, now, Duration.ofDays(10));

        String after = Openssl.x509Text(pki, "apiserver.crt");
        assertEquals(section(before, "Subject:"), section(after, "Subject:"));
        assertEquals(section(before, "X509v3 Subject Alternative Name:"), section(after, "X509v3 Subject Alternative Name:"));
        assertEquals(section(before, "X509v3 Extended Key Usage:"), section(after, "X509v3 Extended Key Usage:"));
        X509Certificate renewed = TestPki.certificate(pki, KubeadmCert.APISERVER);
        assertNotEquals(old.getSerialNumber(), renewed.getSerialNumber());
        assertEquals(List.of(new RenewalOutcome.Renewed(KubeadmCert.APISERVER, old.getSerialNumber(),
                renewed.getSerialNumber(), now.plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS))),
                out);
        Openssl.ok(pki, "verify", "-CAfile", "ca.crt", "apiserver.crt");
    }

    @Test
    void writesANewKeyThatMatchesTheNewCertificateAsKubeadmDoes() {
        String oldKey = TestPki.read(pki.resolve("etcd/server.key"));

        kubeadm.renew("etcd-server", cas, now, Duration.ofDays(10));

        assertNotEquals(oldKey, TestPki.read(pki.resolve("etcd/server.key")));
        assertEquals(Openssl.ok(pki, "x509", "-noout", "-pubkey", "-in", "etcd/server.crt"),
                Openssl.ok(pki, "pkey", "-in", "etcd/server.key", "-pubout"));
    }

    @Test
    void keepsSansThatAreNoLongerInTheSettings() {
        // Renewal reads SANs from the certificate: nothing needs to be resupplied (kubeadm's certToConfig).
        kubeadm.renew("apiserver", cas, now, Duration.ofDays(10));

        assertTrue(Openssl.x509Text(pki, "apiserver.crt").contains("DNS:api.example.com"));
        assertTrue(Openssl.x509Text(pki, "apiserver.crt").contains("IP Address:203.0.113.7"));
    }

    @Test
    void allRenewsTheSevenLeavesInKubeadmsOrderFromTheirOwnCas() {
        List<RenewalOutcome> out = kubeadm.renew("all", cas, now, Duration.ofDays(10));

        assertEquals(KubeadmCert.sortedByName(), out.stream().map(RenewalOutcome::certificate).toList());
        assertTrue(out.stream().allMatch(o -> o instanceof RenewalOutcome.Renewed), out::toString);
        for (KubeadmCert cert : KubeadmCert.values()) {
            Openssl.ok(pki, "verify", "-CAfile", TestPki.caFile(cert), cert.baseName() + ".crt");
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheValidNames() {
        UnknownCertificateException e = assertThrows(UnknownCertificateException.class,
                () -> kubeadm.renew("etcd", cas, now, Duration.ofDays(10)));

        assertEquals("unknown certificate \"etcd\": valid names are all, apiserver, apiserver-etcd-client, "
                + "apiserver-kubelet-client, etcd-healthcheck-client, etcd-peer, etcd-server, front-proxy-client",
                e.getMessage());
    }

    @Test
    void aMissingCertificateIsReportedNotCreated() throws Exception {
        Files.delete(pki.resolve("front-proxy-client.crt"));

        List<RenewalOutcome> out = kubeadm.renew("front-proxy-client", cas, now, Duration.ofDays(10));

        assertEquals(List.of(new RenewalOutcome.Missing(KubeadmCert.FRONT_PROXY_CLIENT)), out);
        assertTrue(Files.notExists(pki.resolve("front-proxy-client.crt")));
    }

    @Test
    void isSkippedWhenARevocationMatchesTheIdentityNotJustTheSerial() {
        String before = TestPki.read(pki.resolve("apiserver-kubelet-client.crt"));

        List<RenewalOutcome> out = kubeadm.renew("apiserver-kubelet-client", cas, now, Duration.ofDays(10),
                cert -> cert.getSubjectX500Principal().getName().contains("O=kubeadm:cluster-admins"));

        RenewalOutcome.Skipped skipped = assertInstanceOf(RenewalOutcome.Skipped.class, out.get(0));
        assertTrue(skipped.reason().contains("a renewed certificate would be revoked too"), skipped.reason());
        assertEquals(before, TestPki.read(pki.resolve("apiserver-kubelet-client.crt")));
    }

    /** The lines of an {@code openssl x509 -text} section: its header line and the indented lines under it. */
    private static String section(String text, String header) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith(header)) {
                StringBuilder sb = new StringBuilder(lines.get(i).trim());
                int indent = indent(lines.get(i));
                for (int j = i + 1; j < lines.size() && indent(lines.get(j)) > indent; j++) {
                    sb.append('\n').append(lines.get(j).trim());
                }
                return sb.toString();
            }
        }
        throw new AssertionError(header + " not found in\n" + text);
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }
}
